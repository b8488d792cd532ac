package io.parley.server.api;

import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Tenant isolation over every route (PostgreSQL, server mode)")
class TenantIsolationPostgresTest extends TenantIsolationContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.postgres(dataDir);
    }
}
