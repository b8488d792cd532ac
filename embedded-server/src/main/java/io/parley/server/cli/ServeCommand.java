package io.parley.server.cli;

import io.parley.server.ParleyServer;
import io.parley.server.auth.LocalOwner;
import io.parley.server.config.ConfigLoader;
import io.parley.server.config.ParleyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code parley serve}: runs the server until interrupted (Ctrl+C or SIGTERM stop it gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the Parley server.",
                "Without --db it uses an embedded H2 database in the data folder; with --db it uses PostgreSQL.",
                "Settings come from flags, then PARLEY_* environment variables, then a YAML file, then defaults."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port (0 = any free port). Default: 8080.")
    Integer port;

    @Option(names = "--host", description = "Interface to listen on. Default: 127.0.0.1 (this machine only).")
    String host;

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

    @Override
    public Integer call() throws InterruptedException {
        ParleyConfig config;
        try {
            config = ConfigLoader.load(Optional.ofNullable(configFile), System.getenv(), flags());
        } catch (IllegalArgumentException e) {
            System.err.println("parley: " + e.getMessage());
            return 2;
        }
        ParleyServer server;
        try {
            server = ParleyServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("parley: could not start: " + rootMessage(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("Parley server stopped");
            System.out.flush();
            stopped.countDown();
        }, "parley-shutdown"));

        System.out.println("Parley server listening on " + server.baseUri());
        System.out.println("  database: " + (config.embeddedMode() ? "embedded H2 in " + config.dataDir().toAbsolutePath()
                : "PostgreSQL " + io.parley.server.config.DatabaseSettings.redact(config.database().url())));
        if (server.localToken().isPresent()) {
            System.out.println("  local owner token: " + config.dataDir().toAbsolutePath().resolve(LocalOwner.TOKEN_FILE)
                    + " (readable by you only)");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("server.port", port.toString());
        }
        if (host != null) {
            flags.put("server.host", host);
        }
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
