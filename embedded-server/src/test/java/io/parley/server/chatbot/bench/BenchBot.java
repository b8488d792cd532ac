package io.parley.server.chatbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.kb.eval.BeirDocument;
import io.parley.server.kb.eval.BeirLoader;
import io.parley.server.kb.eval.BeirQuery;
import io.parley.server.testing.Await;
import io.parley.server.testing.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's chatbot, made over HTTP as a builder would: a knowledge base of the Cranfield
 * abstracts (or generated passages when the collection is absent), cut into small chunks so that
 * there are about 10,000 of them, embedded with the fastest model; then a chatbot on it in offline
 * mode (no model configured), deployed, with its secret key. Its rate limit is off and its caps
 * are far above what a run sends.
 */
final class BenchBot {

    static final String MODEL = "all-minilm-l6-v2-q";
    private static final int DOCUMENTS_PER_SOURCE = 10; // a draft holds at most 200 sources
    private static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(30);

    /** A deployed bot, its knowledge base with its builder's token, and the questions to ask. */
    record Deployed(String botId, String secretKey, String kbId, String builderToken, int chunks, int documents,
                    String corpus, List<String> questions, double ingestSeconds) {
    }

    private BenchBot() {
    }

    static Deployed deploy(TestServer server, Path cranfield, int chunkSize, int overlap) {
        boolean real = Files.isRegularFile(cranfield.resolve("corpus.jsonl"));
        List<BeirDocument> docs = real ? BeirLoader.loadCorpus(cranfield).stream()
                .filter(d -> !d.indexText().isBlank()).toList() : generated(1400);
        List<String> questions = real ? BeirLoader.loadQueries(cranfield).stream().map(BeirQuery::text).toList()
                : generatedQuestions(200);
        TestServer.Account builder = server.signup("Bench");
        String token = builder.accessToken();

        String draftId = ok(server.post("/api/v1/kb/draft", token, Map.of("workspace_id", builder.workspaceId(),
                "name", "Aerodynamics abstracts", "description", "Chat benchmark",
                "embedding_config", Map.of("model", MODEL),
                "chunking_config", Map.of("strategy", "recursive", "chunk_size", chunkSize, "chunk_overlap", overlap))),
                201).path("draft_id").asText();
        for (int from = 0; from < docs.size(); from += DOCUMENTS_PER_SOURCE) {
            StringBuilder text = new StringBuilder();
            for (BeirDocument d : docs.subList(from, Math.min(docs.size(), from + DOCUMENTS_PER_SOURCE))) {
                text.append(d.indexText()).append("\n\n");
            }
            ok(server.post("/api/v1/kb/draft/" + draftId + "/sources", token, Map.of("type", "text",
                    "title", "Abstracts " + (from + 1) + "-" + Math.min(docs.size(), from + DOCUMENTS_PER_SOURCE),
                    "text", text.toString())), 201);
        }
        long started = System.nanoTime();
        JsonNode finalized = ok(server.post("/api/v1/kb/draft/" + draftId + "/finalize", token, null), 201);
        String kbId = finalized.path("kb_id").asText();
        String jobId = finalized.path("job_id").asText();
        Await.until("ingestion job " + jobId, INGESTION_TIMEOUT, () -> {
            JsonNode job = ok(server.get("/api/v1/jobs/" + jobId, token), 200);
            if (job.path("status").asText().equals("failed")) {
                throw new IllegalStateException("ingestion failed: " + job);
            }
            return job.path("status").asText().equals("succeeded");
        });
        double ingestSeconds = (System.nanoTime() - started) / 1e9;
        int chunks = 0;
        for (JsonNode d : ok(server.get("/api/v1/kb/" + kbId + "/documents", token), 200).path("documents")) {
            chunks += d.path("chunk_count").asInt();
        }

        String botDraft = ok(server.post("/api/v1/chatbots/draft", token, Map.of("workspace_id", builder.workspaceId(),
                "name", "Aero helper", "system_prompt", "Answer questions about aerodynamics from the abstracts.",
                "knowledge_bases", List.of(Map.of("kb_id", kbId, "enabled", true,
                        "override_retrieval", Map.of("top_k", 5, "search_method", "hybrid"))),
                "memory", Map.of("enabled", true, "max_messages", 10),
                "features", Map.of("enable_citations", true, "enable_follow_up_suggestions", true,
                        "rate_limiting", Map.of("enabled", false),
                        "max_messages_per_session", 1_000_000, "max_messages_per_day", 100_000_000))), 201)
                .path("draft_id").asText();
        JsonNode deployed = ok(server.post("/api/v1/chatbots/draft/" + botDraft + "/deploy", token, null), 200);
        return new Deployed(deployed.path("chatbot_id").asText(), deployed.path("api_key").asText(), kbId, token, chunks,
                docs.size(), real ? "Cranfield" : "generated", questions, ingestSeconds);
    }

    private static JsonNode ok(TestServer.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r);
        }
        return r.json();
    }

    private static final String[] NOUNS = {"wing", "boundary layer", "shock wave", "nozzle", "panel", "cylinder",
        "jet", "plate", "cone", "flutter", "heat transfer", "pressure", "wake", "vortex", "slipstream", "airfoil",
        "compressor", "shell", "buckling", "turbulence", "skin friction", "stagnation point", "delta wing", "inlet"};
    private static final String[] VERBS = {"increases", "reduces", "changes", "stabilises", "controls", "predicts",
        "depends on", "governs", "limits", "matches"};
    private static final String[] QUALIFIERS = {"at hypersonic speeds", "in laminar flow", "under heating",
        "at high angles of attack", "in a wind tunnel", "for thin sections", "near separation", "with suction"};

    /** Passages of a few hundred words from a small aerodynamics vocabulary, when Cranfield is absent. */
    private static List<BeirDocument> generated(int n) {
        Random random = new Random(3);
        List<BeirDocument> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 12; s++) {
                text.append("the ").append(pick(NOUNS, random)).append(' ').append(pick(VERBS, random))
                        .append(" the ").append(pick(NOUNS, random)).append(' ').append(pick(QUALIFIERS, random))
                        .append(", as measured on model ").append(random.nextInt(500)).append(". ");
            }
            out.add(new BeirDocument(String.valueOf(i), "study " + i + " of the " + pick(NOUNS, random), text.toString()));
        }
        return out;
    }

    private static List<String> generatedQuestions(int n) {
        Random random = new Random(5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("how does the " + pick(NOUNS, random) + " affect the " + pick(NOUNS, random) + " "
                    + pick(QUALIFIERS, random) + "?");
        }
        return out;
    }

    private static String pick(String[] words, Random random) {
        return words[random.nextInt(words.length)];
    }
}
