package io.parley.server.cli;

import io.parley.server.config.DatabaseSettings;
import io.parley.server.testing.ServerProcess;
import io.parley.server.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code parley serve} as a user runs it: a separate JVM, stopped with SIGTERM. */
class ServeCommandProcessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("embedded H2: prints the address, answers ready, writes an owner-only local token, stops on SIGTERM")
    void embedded() throws Exception {
        ServerProcess first = serve("--port", "0", "--data-dir", dataDir.toString());
        String ready = get(first.uri().resolve("/health/ready"), null);
        assertThat(ready).contains("\"status\":\"UP\"").contains("\"type\":\"h2\"");

        Path tokenFile = dataDir.resolve("local-token");
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String me = get(first.uri().resolve("/api/v1/auth/me"), Files.readString(tokenFile).strip());
        assertThat(me).contains("\"name\":\"Default\"").contains("\"organization_name\":\"Personal\"");
        assertThat(stop(first)).isZero();

        // The database lock is released: the same data folder starts again, keeping its owner.
        ServerProcess second = serve("--port", "0", "--data-dir", dataDir.toString());
        String meAgain = get(second.uri().resolve("/api/v1/auth/me"), Files.readString(tokenFile).strip());
        assertThat(userId(meAgain)).isEqualTo(userId(me));
        assertThat(stop(second)).isZero();
    }

    @Test
    @DisplayName("server mode: --db names PostgreSQL; no local owner and no local token")
    void postgres() throws Exception {
        DatabaseSettings pg = TestDatabases.freshPostgres();
        ServerProcess server = serve("--port", "0", "--data-dir", dataDir.toString(), "--db", pg.url(),
                "--db-user", pg.user(), "--db-password", pg.password());
        assertThat(get(server.uri().resolve("/health/ready"), null)).contains("\"type\":\"postgresql\"");
        assertThat(dataDir.resolve("local-token")).doesNotExist();
        assertThat(stop(server)).isZero();
    }

    @Test
    @DisplayName("a bad flag value fails with a message, not a stack trace")
    void badConfiguration() throws Exception {
        Process p = ServerProcess.command("--port", "0", "--data-dir", dataDir.toString(), "--db", "jdbc:mysql://x/y")
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("unsupported database URL").doesNotContain("\tat ");
    }

    private static ServerProcess serve(String... args) {
        long started = System.nanoTime();
        ServerProcess server = ServerProcess.start(args);
        System.out.printf("parley serve ready after %d ms (JVM start included)%n",
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    /** SIGTERM: the shutdown hook stops the server gracefully and says so. */
    private static int stop(ServerProcess server) {
        int exit = server.stop();
        assertThat(server.output()).contains("Parley server stopped");
        return exit;
    }

    private String get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String userId(String meJson) {
        Matcher m = Pattern.compile("\"user\":\\{\"id\":\"([^\"]+)\"").matcher(meJson);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
