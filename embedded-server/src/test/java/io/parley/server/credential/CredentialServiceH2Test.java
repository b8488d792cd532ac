package io.parley.server.credential;

import io.parley.server.config.DatabaseSettings;
import io.parley.server.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Credentials (H2)")
class CredentialServiceH2Test extends CredentialServiceContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return TestDatabases.h2(dir);
    }
}
