package io.parley.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a server needs to start. Built by {@link ConfigLoader} from defaults, a YAML file,
 * environment variables and CLI flags, or directly by the studio and tests.
 *
 * @param host          interface to listen on
 * @param port          TCP port; 0 picks any free port
 * @param dataDir       folder for the H2 database, signing key, local token and indexes
 * @param database      where the data lives
 * @param maxBodyBytes  largest JSON request body accepted (larger answers 413)
 * @param maxUploadBytes largest uploaded file accepted (larger answers 413)
 * @param auth          token lifetimes and the optional signing secret
 */
public record ParleyConfig(String host, int port, Path dataDir, DatabaseSettings database,
                           long maxBodyBytes, long maxUploadBytes, AuthSettings auth) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    public ParleyConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(auth, "auth");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes <= 0 || maxUploadBytes <= 0) {
            throw new IllegalArgumentException("body and upload size limits must be positive");
        }
    }

    /** The studio's defaults: loopback only, any free port, H2 inside {@code dataDir}. */
    public static ParleyConfig embedded(Path dataDir) {
        return new ParleyConfig("127.0.0.1", 0, dataDir, DatabaseSettings.h2In(dataDir),
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES, AuthSettings.defaults());
    }

    public boolean embeddedMode() {
        return database.kind() == DatabaseSettings.Kind.H2;
    }

    public ParleyConfig withPort(int newPort) {
        return new ParleyConfig(host, newPort, dataDir, database, maxBodyBytes, maxUploadBytes, auth);
    }

    public ParleyConfig withDatabase(DatabaseSettings newDatabase) {
        return new ParleyConfig(host, port, dataDir, newDatabase, maxBodyBytes, maxUploadBytes, auth);
    }

    public ParleyConfig withMaxBodyBytes(long bytes) {
        return new ParleyConfig(host, port, dataDir, database, bytes, maxUploadBytes, auth);
    }

    public ParleyConfig withMaxUploadBytes(long bytes) {
        return new ParleyConfig(host, port, dataDir, database, maxBodyBytes, bytes, auth);
    }

    public ParleyConfig withAuth(AuthSettings newAuth) {
        return new ParleyConfig(host, port, dataDir, database, maxBodyBytes, maxUploadBytes, newAuth);
    }

    /**
     * @param jwtSecret    HMAC secret for tokens (at least 32 bytes); empty = a key persisted in the data folder
     * @param accessTtl    lifetime of access tokens
     * @param refreshTtl   lifetime of refresh tokens
     */
    public record AuthSettings(Optional<String> jwtSecret, Duration accessTtl, Duration refreshTtl) {
        public AuthSettings {
            Objects.requireNonNull(jwtSecret, "jwtSecret");
            if (accessTtl.isNegative() || accessTtl.isZero() || refreshTtl.isNegative() || refreshTtl.isZero()) {
                throw new IllegalArgumentException("token lifetimes must be positive");
            }
            jwtSecret.ifPresent(s -> {
                if (s.length() < 32) {
                    throw new IllegalArgumentException("the JWT secret must be at least 32 characters");
                }
            });
        }

        public static AuthSettings defaults() {
            return new AuthSettings(Optional.empty(), Duration.ofMinutes(30), Duration.ofDays(30));
        }
    }
}
