package io.parley.server.cli;

import io.parley.server.config.DatabaseSettings;
import io.parley.server.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code parley serve} as a user runs it: a separate JVM, stopped with SIGTERM. */
class ServeCommandProcessTest {

    private static final Pattern LISTENING = Pattern.compile("Parley server listening on (http://\\S+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("embedded H2: prints the address, answers ready, writes an owner-only local token, stops on SIGTERM")
    void embedded() throws Exception {
        Running first = serve("--port", "0", "--data-dir", dataDir.toString());
        String ready = get(first.uri.resolve("/health/ready"), null);
        assertThat(ready).contains("\"status\":\"UP\"").contains("\"type\":\"h2\"");

        Path tokenFile = dataDir.resolve("local-token");
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String me = get(first.uri.resolve("/api/v1/auth/me"), Files.readString(tokenFile).strip());
        assertThat(me).contains("\"name\":\"Default\"").contains("\"organization_name\":\"Personal\"");
        assertThat(first.stop()).isZero();

        // The database lock is released: the same data folder starts again, keeping its owner.
        Running second = serve("--port", "0", "--data-dir", dataDir.toString());
        String meAgain = get(second.uri.resolve("/api/v1/auth/me"), Files.readString(tokenFile).strip());
        assertThat(userId(meAgain)).isEqualTo(userId(me));
        assertThat(second.stop()).isZero();
    }

    @Test
    @DisplayName("server mode: --db names PostgreSQL; no local owner and no local token")
    void postgres() throws Exception {
        DatabaseSettings pg = TestDatabases.freshPostgres();
        Running server = serve("--port", "0", "--data-dir", dataDir.toString(), "--db", pg.url(),
                "--db-user", pg.user(), "--db-password", pg.password());
        assertThat(get(server.uri.resolve("/health/ready"), null)).contains("\"type\":\"postgresql\"");
        assertThat(dataDir.resolve("local-token")).doesNotExist();
        assertThat(server.stop()).isZero();
    }

    @Test
    @DisplayName("a bad flag value fails with a message, not a stack trace")
    void badConfiguration() throws Exception {
        Process p = command("--port", "0", "--data-dir", dataDir.toString(), "--db", "jdbc:mysql://x/y").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("unsupported database URL").doesNotContain("\tat ");
    }

    private Running serve(String... args) throws IOException {
        long started = System.nanoTime();
        Process process = command(args).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> address = new CompletableFuture<>();
        // A thread of its own: it blocks on the process output for the process's whole life.
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            address.completeExceptionally(new IllegalStateException("server exited without listening: " + lines));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI uri = address.get(60, TimeUnit.SECONDS);
            System.out.printf("parley serve ready after %d ms (JVM start included)%n",
                    (System.nanoTime() - started) / 1_000_000);
            return new Running(process, reader, uri, lines);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("parley serve did not start: " + lines, e);
        }
    }

    private static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParleyCli.class.getName(), "serve"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
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

    private record Running(Process process, Thread reader, URI uri, List<String> output) {
        /** SIGTERM: the shutdown hook stops the server gracefully; the JVM then exits with 143 (128 + 15). */
        int stop() throws InterruptedException {
            // As a service manager or Ctrl+C would. Process.destroy() also closes our end of the
            // pipes, so the child's last lines would be lost.
            try {
                new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000); // everything the process printed has been read
            assertThat(output).contains("Parley server stopped");
            return process.exitValue() == 143 ? 0 : process.exitValue();
        }
    }
}
