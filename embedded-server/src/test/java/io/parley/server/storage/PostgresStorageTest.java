package io.parley.server.storage;

import io.parley.server.config.DatabaseSettings;
import org.junit.jupiter.api.DisplayName;
import io.parley.server.testing.TestDatabases;

@DisplayName("Storage on PostgreSQL (server mode)")
class PostgresStorageTest extends StorageContract {

    private DatabaseSettings settings;

    @Override
    protected DatabaseSettings settings() {
        if (settings == null) {
            settings = TestDatabases.freshPostgres();
        }
        return settings;
    }
}
