package io.parley.server.cli;

import io.parley.server.ParleyServer;
import io.parley.server.auth.LocalOwner;
import io.parley.server.config.ConfigLoader;
import io.parley.server.config.ParleyConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Override
    public Integer call() throws InterruptedException {
        ParleyConfig config;
        try {
            config = ConfigLoader.load(Optional.ofNullable(data.configFile), System.getenv(), flags());
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
        Map<String, String> flags = data.flags();
        if (port != null) {
            flags.put("server.port", port.toString());
        }
        if (host != null) {
            flags.put("server.host", host);
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
