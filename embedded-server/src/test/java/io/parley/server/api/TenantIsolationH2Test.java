package io.parley.server.api;

import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Tenant isolation over every route (embedded H2)")
class TenantIsolationH2Test extends TenantIsolationContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.embedded(dataDir);
    }
}
