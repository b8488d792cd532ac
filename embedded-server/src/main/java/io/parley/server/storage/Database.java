package io.parley.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.parley.server.config.DatabaseSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The relational store: a Hikari pool, Flyway migrations over it, and a Helidon {@link DbClient}
 * for statements. The same SQL runs on H2 (embedded) and PostgreSQL (server mode).
 */
public final class Database implements AutoCloseable {

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final DbClient client;

    private Database(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.client = JdbcClientBuilder.create()
                .connectionPool(this::borrowConnection)
                .build();
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.url());
        hikari.setUsername(settings.user());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setPoolName("parley-db");
        hikari.setConnectionTimeout(10_000);
        // A PostgreSQL server may still be booting, so keep trying for a while; an H2 file that
        // another process holds will not free itself, so say so at once.
        hikari.setInitializationFailTimeout(settings.kind() == DatabaseSettings.Kind.H2 ? 1 : 10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(describeOpenFailure(settings, e), e);
        }
        try {
            Migrations.migrate(dataSource, settings.kind());
            return new Database(settings, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public DatabaseSettings.Kind kind() {
        return settings.kind();
    }

    /** Statements outside a transaction; each borrows and returns a pooled connection. */
    public DbExecute execute() {
        return client.execute();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<DbExecute, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(tx, e);
            throw e;
        }
        tx.commit();
        return result;
    }

    public void runInTransaction(Consumer<DbExecute> work) {
        inTransaction(exec -> {
            work.accept(exec);
            return null;
        });
    }

    /**
     * Writes a consistent copy of the embedded database to {@code zip} while it keeps serving
     * (H2's online {@code BACKUP TO}). PostgreSQL is backed up with its own tools.
     */
    public void backupTo(Path zip) {
        if (kind() != DatabaseSettings.Kind.H2) {
            throw new IllegalStateException("only the embedded database is backed up by Parley");
        }
        // a file name of our own making (a temporary file): quoting is all it needs
        String file = zip.toAbsolutePath().toString().replace("'", "''");
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("BACKUP TO '" + file + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("the database backup failed: " + e.getMessage(), e);
        }
    }

    /** True when a connection can be borrowed and answers a trivial query. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
        if (settings.kind() == DatabaseSettings.Kind.H2) {
            // Let H2 write its file cleanly before the pool drops the last connection.
            try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already closed
            }
        }
        dataSource.close();
    }

    private Connection borrowConnection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database is not reachable: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(DbTransaction tx, Throwable cause) {
        try {
            tx.rollback();
        } catch (RuntimeException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private static String describeOpenFailure(DatabaseSettings settings, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (settings.kind() == DatabaseSettings.Kind.H2 && reason.contains("locked")) {
            return "The data folder is in use by another Parley process (" + DatabaseSettings.redact(settings.url())
                    + "). Close it first, or choose another data folder.";
        }
        return "Cannot open the database " + DatabaseSettings.redact(settings.url()) + ": " + reason;
    }
}
