package io.parley.server.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Where the data lives: shared by {@code serve} and the maintenance commands. */
final class DataOptions {

    @Option(names = "--data-dir", description = "Data folder. Default: ~/.parley")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL, e.g. jdbc:postgresql://localhost:5432/parley")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (prefer PARLEY_DB_PASSWORD: flags show in ps).")
    String dbPassword;

    @Option(names = "--config", description = "YAML configuration file (also PARLEY_CONFIG).")
    Path configFile;

    /** The configuration these options, the environment and a config file give; bad values throw IllegalArgumentException. */
    io.parley.server.config.ParleyConfig config() {
        return io.parley.server.config.ConfigLoader.load(java.util.Optional.ofNullable(configFile), System.getenv(), flags());
    }

    Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        if (dataDir != null) {
            flags.put("data-dir", dataDir.toString());
        }
        if (dbUrl != null) {
            flags.put("db.url", dbUrl);
        }
        if (dbUser != null) {
            flags.put("db.user", dbUser);
        }
        if (dbPassword != null) {
            flags.put("db.password", dbPassword);
        }
        return flags;
    }
}
