package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health/ready} covers the database, the search indexes on this node and the embedding models. */
class ReadinessTest {

    @TempDir
    Path dataDir;

    @Test
    void aMissingIndexTakesTheNodeOutOfRotationUntilItIsRebuilt() throws Exception {
        try (TestServer server = TestServer.embedded(dataDir)) {
            String token = server.localToken();
            JsonNode fresh = assertStatus(server.get("/health/ready", null), 200);
            assertThat(fresh.path("checks").findValuesAsText("name")).containsExactly("database", "indexes", "models");
            assertThat(check(fresh, "models").path("embedding").path("bge-small-en-v1.5").asText()).isEqualTo("available");

            String workspaceId = server.get("/api/v1/auth/me", token).json().path("default_workspace").path("id").asText();
            KbFixtures.KbIds kb = KbFixtures.create(server, token, workspaceId, ChatbotApiContract.HANDBOOK);
            KbFixtures.awaitJob(server, token, kb.jobId());
            JsonNode ready = assertStatus(server.get("/health/ready", null), 200);
            assertThat(check(ready, "indexes").path("knowledge_bases").asInt()).isEqualTo(1);
            assertThat(check(ready, "models").path("embedding").toString()).as("the knowledge base's model")
                    .contains("\"loaded\"");

            deleteTree(dataDir.resolve("indexes").resolve(kb.kbId()));
            TestServer.Response down = server.get("/health/ready", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(check(down.json(), "indexes").path("missing").toString()).contains(kb.kbId());

            JsonNode job = assertStatus(server.post("/api/v1/kb/" + kb.kbId() + "/rebuild-index", token, null), 201);
            KbFixtures.awaitJob(server, token, job.path("job_id").asText());
            assertStatus(server.get("/health/ready", null), 200);
        }
    }

    private static JsonNode check(JsonNode ready, String name) {
        for (JsonNode c : ready.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + ready);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
