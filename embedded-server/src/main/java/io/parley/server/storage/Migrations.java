package io.parley.server.storage;

import io.parley.server.config.DatabaseSettings;
import org.flywaydb.core.Flyway;

import java.util.Map;

import javax.sql.DataSource;

/** Applies the versioned SQL in {@code db/migration}; the same scripts serve H2 and PostgreSQL. */
final class Migrations {
    private Migrations() {
    }

    static void migrate(DataSource dataSource, DatabaseSettings.Kind kind) {
        Flyway.configure()
                .dataSource(dataSource)
                .placeholders(placeholders(kind))
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** The few types that are spelled differently on the two databases. */
    private static Map<String, String> placeholders(DatabaseSettings.Kind kind) {
        return switch (kind) {
            case H2 -> Map.of("long_text", "VARCHAR(1000000)", "binary", "VARBINARY(1000000)");
            case POSTGRESQL -> Map.of("long_text", "TEXT", "binary", "BYTEA");
        };
    }
}
