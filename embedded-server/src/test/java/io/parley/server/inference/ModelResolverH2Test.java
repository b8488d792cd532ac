package io.parley.server.inference;

import io.parley.server.config.DatabaseSettings;
import io.parley.server.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Model resolution and workspace default models (H2)")
class ModelResolverH2Test extends ModelResolverContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return TestDatabases.h2(dir);
    }
}
