package io.parley.server.storage;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Applies the versioned SQL in {@code db/migration}; the same scripts serve H2 and PostgreSQL. */
final class Migrations {
    private Migrations() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
