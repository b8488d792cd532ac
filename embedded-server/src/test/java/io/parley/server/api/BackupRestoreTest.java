package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.cli.ParleyCli;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup of an embedded data folder while the server serves, restore into a new folder with
 * {@code parley restore}: the knowledge base answers from its rebuilt index and the saved keys
 * still decrypt. Damaged, foreign or misplaced restores change nothing.
 */
class BackupRestoreTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBackupTakenWhileServingRestoresIntoANewFolder() throws Exception {
        Path first = dir.resolve("first");
        Path backup = dir.resolve("backup.zip");
        String kbId;
        try (TestServer server = TestServer.embedded(first)) {
            String token = server.localToken();
            String workspaceId = server.get("/api/v1/auth/me", token).json().path("default_workspace").path("id").asText();
            KbFixtures.KbIds kb = KbFixtures.create(server, token, workspaceId, ChatbotApiContract.HANDBOOK);
            KbFixtures.awaitJob(server, token, kb.jobId());
            kbId = kb.kbId();
            assertStatus(server.post("/api/v1/credentials", token, Map.of("workspace_id", workspaceId,
                    "name", "Model key", "type", "api_key", "value", "sk-test-value")), 201);

            HttpResponse<byte[]> answer = backup(server, token);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/zip");
            Files.write(backup, answer.body());

            TestServer.Account stranger = server.signup("Not the owner");
            assertThat(backup(server, stranger.accessToken()).statusCode()).as("only the server's administrator")
                    .isEqualTo(403);
        }

        Path second = dir.resolve("second");
        assertThat(run("restore", backup.toString(), "--data-dir", second.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Rebuilt the index of " + kbId);
        try (TestServer server = TestServer.embedded(second)) {
            String token = server.localToken();
            JsonNode found = assertStatus(server.post("/api/v1/kb/" + kbId + "/search", token,
                    Map.of("query", "How do I descale the kettle?", "top_k", 3)), 200);
            assertThat(found.toString()).contains("vinegar");
            JsonNode keys = assertStatus(server.get("/api/v1/credentials", token), 200);
            assertThat(keys.findValuesAsText("name")).contains("Model key");
            // re-encrypting every saved key needs the restored keyset to read them
            assertStatus(server.post("/api/v1/credentials/rotate-key", token, null), 200);
        }

        assertThat(run("restore", backup.toString(), "--data-dir", second.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("already has a database");
    }

    @Test
    void aDamagedOrForeignFileIsRefusedAndWritesNothing() throws Exception {
        Path first = dir.resolve("source");
        byte[] whole;
        try (TestServer server = TestServer.embedded(first)) {
            whole = backup(server, server.localToken()).body();
        }
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Path target = dir.resolve("target");
        assertThat(run("restore", cut.toString(), "--data-dir", target.toString())).isEqualTo(2);
        assertThat(err.toString()).containsAnyOf("cut short", "damaged");
        assertThat(target.resolve("db")).doesNotExist();

        ByteArrayOutputStream foreign = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(foreign)) {
            zip.putNextEntry(new ZipEntry("kb/../../escape.txt"));
            zip.write("x".getBytes());
            zip.closeEntry();
        }
        Path evil = Files.write(dir.resolve("evil.zip"), foreign.toByteArray());
        assertThat(run("restore", evil.toString(), "--data-dir", target.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not a Parley backup");
        assertThat(dir.resolve("escape.txt")).doesNotExist();
        assertThat(target.resolve("db")).doesNotExist();

        assertThat(run("backup", "--data-dir", target.toString(), "--out", cut.toString())).as("no overwriting")
                .isEqualTo(2);
    }

    @Test
    void theCommandBacksUpAStoppedFolder() throws Exception {
        Path folder = dir.resolve("stopped");
        try (TestServer ignored = TestServer.embedded(folder)) {
            // a folder with a database, keys and a local owner
        }
        // another process serving from it: the command says to stop it or use the route
        try (io.parley.server.testing.ServerProcess running = io.parley.server.testing.ServerProcess.start(
                "--data-dir", folder.toString(), "--port", "0")) {
            assertThat(run("backup", "--data-dir", folder.toString(), "--out", dir.resolve("busy.zip").toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("the data folder is in use");
            assertThat(dir.resolve("busy.zip")).doesNotExist();
        }
        Path file = dir.resolve("stopped.zip");
        assertThat(run("backup", "--data-dir", folder.toString(), "--out", file.toString())).as(err.toString()).isZero();
        assertThat(run("restore", file.toString(), "--data-dir", dir.resolve("copy").toString())).as(err.toString())
                .isZero();
        try (TestServer server = TestServer.embedded(dir.resolve("copy"))) {
            assertStatus(server.get("/api/v1/auth/me", server.localToken()), 200);
        }
    }

    private static HttpResponse<byte[]> backup(TestServer server, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/api/v1/admin/backup"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ParleyCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
