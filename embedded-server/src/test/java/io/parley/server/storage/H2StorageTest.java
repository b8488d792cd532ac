package io.parley.server.storage;

import io.parley.server.config.DatabaseSettings;
import io.parley.server.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

@DisplayName("Storage on H2 (embedded mode)")
class H2StorageTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected DatabaseSettings settings() {
        return TestDatabases.h2(dir);
    }
}
