package io.parley.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.Await;
import io.parley.server.testing.TestServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A knowledge base and a deployed chatbot made through the admin API, as the studio makes them. */
final class BotFixtures {

    static final String MODEL = "all-minilm-l6-v2-q"; // the fastest embedding model keeps the test quick

    private BotFixtures() {
    }

    static JsonNode ok(TestServer.Response r, int status) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        return r.json();
    }

    /** A finalized knowledge base with one pasted-text document, ingested; returns its id. */
    static String knowledgeBase(TestServer server, String token, String name, String text) {
        String draftId = ok(server.post("/api/v1/kb/draft", token, Map.of("name", name, "description", "Widget test",
                "embedding_config", Map.of("model", MODEL))), 201).path("draft_id").asText();
        ok(server.post("/api/v1/kb/draft/" + draftId + "/sources", token,
                Map.of("type", "text", "title", name, "text", text)), 201);
        JsonNode finalized = ok(server.post("/api/v1/kb/draft/" + draftId + "/finalize", token, null), 201);
        String jobId = finalized.path("job_id").asText();
        Await.until("ingestion job " + jobId, Duration.ofMinutes(2), () -> {
            JsonNode job = ok(server.get("/api/v1/jobs/" + jobId, token), 200);
            assertThat(job.path("status").asText()).as("job %s", job).isNotEqualTo("failed");
            return job.path("status").asText().equals("succeeded");
        });
        return finalized.path("kb_id").asText();
    }

    /** Creates, fills and deploys a chatbot answering offline from {@code kbId}; returns the deploy answer. */
    static JsonNode deployChatbot(TestServer server, String token, String kbId, List<String> allowedDomains) {
        return deployChatbot(server, token, kbId, allowedDomains, Map.of());
    }

    /** The same with {@code moreFeatures} added to its {@code features} (rate limits, say). */
    static JsonNode deployChatbot(TestServer server, String token, String kbId, List<String> allowedDomains,
                                  Map<String, Object> moreFeatures) {
        String draftId = chatbotDraft(server, token, kbId, allowedDomains, moreFeatures);
        return ok(server.post("/api/v1/chatbots/draft/" + draftId + "/deploy", token, null), 200);
    }

    /** A complete chatbot draft answering offline from {@code kbId}; returns its id. */
    static String chatbotDraft(TestServer server, String token, String kbId, List<String> allowedDomains) {
        return chatbotDraft(server, token, kbId, allowedDomains, Map.of());
    }

    private static String chatbotDraft(TestServer server, String token, String kbId, List<String> allowedDomains,
                                       Map<String, Object> moreFeatures) {
        Map<String, Object> features = new java.util.LinkedHashMap<>(Map.of("enable_citations", true,
                "enable_follow_up_suggestions", true, "enable_feedback", true));
        features.putAll(moreFeatures);
        String draftId = ok(server.post("/api/v1/chatbots/draft", token, Map.of("name", "Acme Helper")), 201)
                .path("draft_id").asText();
        Map<String, Object> data = Map.of(
                "name", "Acme Helper",
                "knowledge_bases", List.of(Map.of("kb_id", kbId, "enabled", true)),
                "provider", Map.of("type", "offline"),
                "system_prompt", "You help customers of Acme with questions about kettles.",
                "appearance", Map.of("theme", "light", "primary_color", "#0F766E",
                        "welcome_message", "Hi! Ask me about **Acme** kettles: warranty, returns, care.",
                        "suggested_prompts", List.of("How long is the warranty?", "Can I return a kettle?")),
                "features", features,
                "lead_capture", Map.of("enabled", true, "timing", "after_first_message",
                        "required_fields", List.of("email"), "optional_fields", List.of("name")),
                "deployment", Map.of("channels", List.of(Map.of("type", "website", "enabled", true,
                        "config", Map.of("widget_position", "bottom-right", "allowed_domains", allowedDomains)))));
        ok(server.patch("/api/v1/chatbots/draft/" + draftId, token, Map.of("data", data)), 200);
        return draftId;
    }

    /** The session, its rated answer and the lead, as the admin API reports them. */
    static void assertVisitorRecorded(TestServer server, String token, String botId, String sessionId,
                                      String email) {
        JsonNode sessions = ok(server.get("/api/v1/chatbots/" + botId + "/sessions", token), 200);
        assertThat(sessions.toString()).contains(sessionId);
        JsonNode session = ok(server.get("/api/v1/sessions/" + sessionId, token), 200);
        List<JsonNode> rated = new java.util.ArrayList<>();
        session.path("messages").forEach(m -> {
            if (m.path("feedback").path("rating").asText().equals("positive")) {
                rated.add(m);
            }
        });
        assertThat(rated).as("rated messages of %s", session).hasSize(1);
        assertThat(rated.get(0).path("role").asText()).isEqualTo("assistant");
        assertThat(rated.get(0).path("content").asText()).containsIgnoringCase("warranty");
        assertThat(session.path("messages").get(0).path("content").asText()).isEqualTo("How long is the warranty?");
        JsonNode leads = ok(server.get("/api/v1/chatbots/" + botId + "/leads", token), 200);
        assertThat(leads.toString()).as("leads").contains(email).contains(sessionId).contains("Grace Hopper");
    }
}
