package io.parley.server.kb.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/kb/options}: what a client may offer in a knowledge-base wizard. */
class KbOptionsTest {

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsTheShippedModelsAndEveryChunkingStrategyWithPlainWordsAndOneDefaultEach() {
        TestServer.Response r = server.get("/api/v1/kb/options", server.localToken());
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();

        assertThat(ids(body.path("models"))).containsExactly("bge-small-en-v1.5", "bge-small-en-v1.5-q",
                "all-minilm-l6-v2", "all-minilm-l6-v2-q");
        assertThat(ids(body.path("chunking_strategies"))).containsExactly("recursive", "headings", "fixed",
                "parent_child", "table_aware");
        for (String list : List.of("models", "chunking_strategies")) {
            List<String> defaults = new ArrayList<>();
            body.path(list).forEach(option -> {
                assertThat(option.path("description").asText()).hasSizeGreaterThan(20);
                if (option.path("is_default").asBoolean()) {
                    defaults.add(option.path("id").asText());
                }
            });
            assertThat(defaults).as(list).hasSize(1);
        }
        assertThat(body.path("models").get(0).path("is_default").asBoolean()).isTrue();
        assertThat(body.path("models").get(3).path("quantized").asBoolean()).isTrue();
    }

    @Test
    void needsCredentials() {
        assertThat(server.get("/api/v1/kb/options", null).status()).isEqualTo(401);
    }

    private static List<String> ids(JsonNode options) {
        List<String> ids = new ArrayList<>();
        options.forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }
}
