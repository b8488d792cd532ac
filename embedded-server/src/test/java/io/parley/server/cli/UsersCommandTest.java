package io.parley.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.config.ParleyConfig;
import io.parley.server.testing.TestDatabases;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code parley users create}: an operator makes an account, which then signs in (H2 and PostgreSQL). */
class UsersCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anAccountMadeOnTheEmbeddedDatabaseSignsIn() throws Exception {
        Path data = dir.resolve("data");
        assertThat(create(List.of("--data-dir", data.toString()), "ann@example.com", "a long passphrase"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("Created ann@example.com", "Personal organization");
        signsIn(TestServer.embedded(data), "ann@example.com", "a long passphrase");

        assertThat(create(List.of("--data-dir", data.toString()), "ANN@example.com", "another passphrase"))
                .as("the same email twice").isEqualTo(1);
        assertThat(err.toString()).contains("already exists");
    }

    @Test
    void anAccountMadeOnPostgresSignsInOnAServerThere() throws Exception {
        DatabaseSettings pg = TestDatabases.freshPostgres();
        Path data = dir.resolve("pg");
        assertThat(create(List.of("--data-dir", data.toString(), "--db", pg.url(), "--db-user", pg.user(),
                "--db-password", pg.password()), "bo@example.com", "a long passphrase")).as(err.toString()).isZero();
        signsIn(TestServer.start(ParleyConfig.embedded(data).withDatabase(pg)), "bo@example.com", "a long passphrase");
    }

    @Test
    void badInputIsRefusedWithAMessageAndMakesNothing() throws Exception {
        Path data = dir.resolve("bad");
        assertThat(create(List.of("--data-dir", data.toString()), "not-an-email", "a long passphrase")).isEqualTo(2);
        assertThat(err.toString()).contains("email");
        assertThat(create(List.of("--data-dir", data.toString()), "cy@example.com", "short")).isEqualTo(2);
        assertThat(err.toString()).contains("at least");
        assertThat(run("users", "create", "--data-dir", data.toString(), "--email", "cy@example.com", "--name", "Cy"))
                .as("no password given").isEqualTo(2);
        assertThat(err.toString()).contains("--password-file FILE or --password-stdin");
        assertThat(run("users", "create", "--data-dir", data.toString(), "--email", "cy@example.com", "--name", "Cy",
                "--password-file", dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        try (TestServer server = TestServer.embedded(data)) {
            assertThat(server.post("/api/v1/auth/login", null, Map.of("email", "cy@example.com",
                    "password", "a long passphrase")).status()).isEqualTo(401);
        }
    }

    private int create(List<String> dataOptions, String email, String password) throws Exception {
        Path file = Files.writeString(dir.resolve("password-" + System.nanoTime()), password + "\n");
        List<String> args = new ArrayList<>(List.of("users", "create"));
        args.addAll(dataOptions);
        args.addAll(List.of("--email", email, "--name", "Someone", "--password-file", file.toString()));
        return run(args.toArray(String[]::new));
    }

    private static void signsIn(TestServer started, String email, String password) {
        try (TestServer server = started) {
            TestServer.Response login = server.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            JsonNode me = server.get("/api/v1/auth/me", login.json().path("access_token").asText()).json();
            assertThat(me.path("default_workspace").path("name").asText()).isEqualTo("Default");
        }
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ParleyCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
