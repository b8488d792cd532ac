package io.parley.server.api;

import io.parley.server.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;

import java.time.Duration;
import java.util.Map;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knowledge-base data made over HTTP, so the route-wide tests have real ids for every path
 * parameter: a draft with one pasted-text source, and a finalized knowledge base with one small
 * text document, ingested with the fastest embedding model.
 */
final class KbFixtures {

    static final String MODEL = "all-minilm-l6-v2-q"; // the fastest model keeps the suite quick
    static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(2);

    /** Real ids of one owner's knowledge-base data; {@code jobId} is the knowledge base's ingestion. */
    record KbIds(String draftId, String sourceId, String kbId, String documentId, String jobId) {
    }

    private KbFixtures() {
    }

    /** Makes the data in {@code workspaceId}; wait with {@link #awaitJob} before relying on search. */
    static KbIds create(TestServer server, String token, String workspaceId, String text) {
        String draftId = draft(server, token, workspaceId, "Work in progress");
        String sourceId = assertStatus(server.post(sources(draftId), token, textSource("Notes", text)), 201)
                .path("id").asText();

        String toFinalize = draft(server, token, workspaceId, "Handbook");
        assertStatus(server.post(sources(toFinalize), token, textSource("Handbook", text)), 201);
        JsonNode finalized = assertStatus(server.post("/api/v1/kb/draft/" + toFinalize + "/finalize", token, null),
                201);
        String kbId = finalized.path("kb_id").asText();
        JsonNode documents = assertStatus(server.get("/api/v1/kb/" + kbId + "/documents", token), 200)
                .path("documents");
        assertThat(documents).as("documents of the new knowledge base").hasSize(1);
        return new KbIds(draftId, sourceId, kbId, documents.get(0).path("id").asText(),
                finalized.path("job_id").asText());
    }

    /** Polls GET /api/v1/jobs/{id} until the job succeeded; fails at once if it failed. */
    static void awaitJob(TestServer server, String token, String jobId) {
        Await.until("job " + jobId, INGESTION_TIMEOUT, () -> {
            JsonNode job = assertStatus(server.get("/api/v1/jobs/" + jobId, token), 200);
            assertThat(job.path("status").asText()).as("job %s", job).isNotEqualTo("failed");
            return job.path("status").asText().equals("succeeded");
        });
    }

    static String draft(TestServer server, String token, String workspaceId, String name) {
        return assertStatus(server.post("/api/v1/kb/draft", token, Map.of("workspace_id", workspaceId,
                "name", name, "description", "Test data", "embedding_config", Map.of("model", MODEL))), 201)
                .path("draft_id").asText();
    }

    static Map<String, Object> textSource(String title, String text) {
        return Map.of("type", "text", "title", title, "text", text);
    }

    static String sources(String draftId) {
        return "/api/v1/kb/draft/" + draftId + "/sources";
    }
}
