package io.parley.server.kb.api;

import io.parley.server.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.server.testing.ServerProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server process killed (SIGKILL) in the middle of ingesting a knowledge base resumes on
 * restart and ends with exactly the chunks a clean run produces: none duplicated, none missing,
 * in the database and in the search index alike.
 */
class IngestionCrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Enough for several ingestion groups (a group closes at about 256 chunks; these documents make
     * some 8 chunks each), so the kill lands after some documents are ready and before all are.
     */
    private static final int DOCUMENTS = 96;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path crashed;

    @TempDir
    Path clean;

    @Test
    @DisplayName("kill -9 mid-ingestion, restart: no duplicated and no missing chunks")
    void resumesAfterKill() throws Exception {
        Map<String, Integer> expected;
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", clean.toString())) {
            String kb = createKb(server.uri(), token(clean));
            awaitIngested(server.uri(), token(clean), kb);
            expected = chunkCounts(server.uri(), token(clean), kb);
        }

        ServerProcess first = ServerProcess.start("--port", "0", "--data-dir", crashed.toString());
        String kb = createKb(first.uri(), token(crashed));
        Await.until("a few documents ingested", Duration.ofMinutes(2), () -> {
            int done = get(first.uri(), token(crashed), "/api/v1/kb/" + kb).path("documents").path("ready").asInt();
            return done >= 3;
        });
        int readyAtKill = get(first.uri(), token(crashed), "/api/v1/kb/" + kb).path("documents").path("ready").asInt();
        first.kill();
        assertThat(readyAtKill).as("the kill must land mid-ingestion").isLessThan(DOCUMENTS);

        try (ServerProcess second = ServerProcess.start("--port", "0", "--data-dir", crashed.toString())) {
            awaitIngested(second.uri(), token(crashed), kb);
            JsonNode view = get(second.uri(), token(crashed), "/api/v1/kb/" + kb);
            Map<String, Integer> counts = chunkCounts(second.uri(), token(crashed), kb);
            assertThat(counts).isEqualTo(expected);
            long total = counts.values().stream().mapToLong(Integer::longValue).sum();
            assertThat(view.path("chunk_count").asLong()).isEqualTo(total);
            assertThat(view.path("indexed_chunks").asLong()).isEqualTo(total);
            JsonNode hit = post(second.uri(), token(crashed), "/api/v1/kb/" + kb + "/search",
                    Map.of("query", "topic number 17 lighthouse", "search_method", "keyword", "top_k", 3));
            assertThat(hit.path("results").get(0).path("document_name").asText()).isEqualTo("Notes 17");
        }
    }

    private String createKb(URI base, String token) throws Exception {
        String draft = post(base, token, "/api/v1/kb/draft", Map.of("name", "Crash test",
                "embedding_config", Map.of("model", KnowledgeBaseApiContract.MODEL),
                "chunking_config", Map.of("strategy", "recursive", "chunk_size", 64, "chunk_overlap", 8)))
                .path("draft_id").asText();
        for (int i = 0; i < DOCUMENTS; i++) {
            post(base, token, "/api/v1/kb/draft/" + draft + "/sources", Map.of("type", "text",
                    "title", "Notes " + i, "text", notes(i)));
        }
        return post(base, token, "/api/v1/kb/draft/" + draft + "/finalize", null).path("kb_id").asText();
    }

    /** Distinct, deterministic text: enough sentences that each document makes several chunks. */
    private static String notes(int i) {
        String[] things = {"lighthouse", "orchard", "glacier", "harbour", "meadow", "canyon", "library", "bakery"};
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            text.append("Topic number ").append(i).append(" is about the ").append(things[(i + p) % things.length])
                    .append(". Paragraph ").append(p).append(" of these notes describes it in plain words, with a ")
                    .append("few more sentences so the chunker has something to cut. It ends here.\n\n");
        }
        return text.toString();
    }

    private void awaitIngested(URI base, String token, String kb) {
        Await.until("ingestion finished", Duration.ofMinutes(4), () -> {
            JsonNode view = get(base, token, "/api/v1/kb/" + kb);
            return view.path("status").asText().equals("ready");
        });
    }

    private Map<String, Integer> chunkCounts(URI base, String token, String kb) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode d : get(base, token, "/api/v1/kb/" + kb + "/documents").path("documents")) {
            assertThat(d.path("status").asText()).isEqualTo("ready");
            counts.put(d.path("name").asText(), d.path("chunk_count").asInt());
        }
        assertThat(counts).hasSize(DOCUMENTS);
        return counts;
    }

    private static String token(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("local-token")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode get(URI base, String token, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    private JsonNode post(URI base, String token, String path, Object body) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), token);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, String token) {
        try {
            HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
