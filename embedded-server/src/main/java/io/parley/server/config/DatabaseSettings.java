package io.parley.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A JDBC database: H2 in the data folder (embedded mode) or PostgreSQL (server mode).
 * The password is kept out of {@link #toString()} so it never reaches a log line.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    public enum Kind { H2, POSTGRESQL }

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        kindOf(url); // fail early on an unsupported URL
    }

    public static DatabaseSettings h2In(Path dataDir) {
        // AUTO_SERVER is off on purpose: one process owns the embedded database.
        String file = dataDir.toAbsolutePath().resolve("db").resolve("parley").toString().replace('\\', '/');
        return new DatabaseSettings("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;DATABASE_TO_LOWER=TRUE", "parley", "", 10);
    }

    public Kind kind() {
        return kindOf(url);
    }

    private static Kind kindOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "unsupported database URL (use jdbc:postgresql://host:port/db, or leave it out for the embedded H2): "
                        + redact(url));
    }

    /** The URL without any query part, which may carry credentials. */
    public static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redact(url) + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
