package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chatbots over HTTP on the embedded defaults (H2, ONNX, Lucene), in offline mode: a draft on a
 * knowledge base, validate, preview (JSON and streamed), deploy, the public API with its keys and
 * origins, feedback, leads, sessions, edit and redeploy, limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatbotApiContract {

    static final String HANDBOOK = """
            # Kettle care
            Acme kettles must be descaled every month with white vinegar. Fill the kettle halfway, boil, and rinse twice.

            # Warranty
            Every Acme kettle has a two year warranty. Keep the receipt and contact support@acme.example to claim it.
            """;

    TestServer server;
    String token;
    String workspaceId;
    String kbId;

    abstract TestServer startServer(Path dataDir);

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = startServer(dataDir);
        TestServer.Account builder = server.signup("Builder");
        token = builder.accessToken();
        workspaceId = builder.workspaceId();
        KbFixtures.KbIds kb = KbFixtures.create(server, token, workspaceId, HANDBOOK);
        KbFixtures.awaitJob(server, token, kb.jobId());
        kbId = kb.kbId();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Map<String, Object> botData(String name, List<String> domains) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("knowledge_bases", List.of(Map.of("kb_id", kbId, "enabled", true,
                "override_retrieval", Map.of("top_k", 3, "search_method", "hybrid"))));
        data.put("system_prompt", "You help {{user_name}} with Acme kettles.");
        data.put("variables", List.of(Map.of("name", "user_name", "type", "text", "default", "there")));
        data.put("appearance", Map.of("welcome_message", "Hi! Ask me about your kettle.",
                "suggested_prompts", List.of("How do I descale?")));
        data.put("features", Map.of("enable_citations", true, "enable_feedback", true,
                "enable_follow_up_suggestions", true));
        data.put("lead_capture", Map.of("enabled", true, "timing", "after_first_message",
                "required_fields", List.of("email"), "optional_fields", List.of("name")));
        data.put("deployment", Map.of("channels", List.of(Map.of("type", "website", "enabled", true,
                "config", Map.of("widget_position", "bottom-left", "allowed_domains", domains)))));
        return data;
    }

    String newDraft(Map<String, Object> data) {
        return assertStatus(server.post("/api/v1/chatbots/draft", token, data), 201).path("draft_id").asText();
    }

    JsonNode deploy(String draftId) {
        return assertStatus(server.post("/api/v1/chatbots/draft/" + draftId + "/deploy", token, null), 200);
    }

    @Test
    @DisplayName("validate names what is missing; saves refuse bad values with the field; deploy needs a valid draft")
    void draftValidation() {
        String draftId = newDraft(Map.of("name", ""));
        JsonNode result = assertStatus(server.post("/api/v1/chatbots/draft/" + draftId + "/validate", token, null), 200);
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("errors").findValuesAsText("field")).contains("name", "system_prompt");
        assertThat(result.path("warnings").findValuesAsText("field")).contains("knowledge_bases");

        JsonNode bad = assertError(server.patch("/api/v1/chatbots/draft/" + draftId, token,
                Map.of("data", Map.of("temperature", 7))), 400, "invalid_field");
        assertThat(bad.path("details").path("field").asText()).isEqualTo("temperature");
        assertError(server.patch("/api/v1/chatbots/draft/" + draftId, token,
                Map.of("data", Map.of("appearance", Map.of("primary_color", "red")))), 400, "invalid_field");
        assertError(server.patch("/api/v1/chatbots/draft/" + draftId, token,
                Map.of("data", Map.of("chatbot_id", "x"))), 400, "invalid_field");

        assertStatus(server.patch("/api/v1/chatbots/draft/" + draftId, token, Map.of("data", Map.of(
                "name", "Helper", "system_prompt", "Hello {{unknown_var}}"))), 200);
        result = assertStatus(server.post("/api/v1/chatbots/draft/" + draftId + "/validate", token, null), 200);
        assertThat(result.path("errors").toString()).contains("unknown_var");
        JsonNode refused = assertError(server.post("/api/v1/chatbots/draft/" + draftId + "/deploy", token, null),
                422, "validation_failed");
        assertThat(refused.path("message").asText()).contains("unknown_var");
        // the draft is still there, unchanged
        assertThat(assertStatus(server.get("/api/v1/chatbots/draft/" + draftId, token), 200).toString())
                .contains("unknown_var");
    }

    @Test
    @DisplayName("the draft preview answers offline from the knowledge base, with citations, as JSON and as a stream")
    void preview() {
        String draftId = newDraft(botData("Preview bot", List.of()));
        JsonNode answer = assertStatus(server.post("/api/v1/chatbots/draft/" + draftId + "/preview", token,
                Map.of("message", "How often should I descale the kettle?")), 200);
        assertThat(answer.path("response").asText()).contains("vinegar").containsPattern("\\[\\d]");
        assertThat(answer.path("metadata").path("mode").asText()).isEqualTo("offline");
        assertThat(answer.path("sources").get(0).path("document_name").asText()).isEqualTo("Handbook");
        assertThat(answer.path("sources").get(0).path("n").asInt()).isEqualTo(1);
        String sessionId = answer.path("session_id").asText();

        TestServer.Response stream = server.send("POST", "/api/v1/chatbots/draft/" + draftId + "/preview", token,
                Map.of("message", "What about the warranty?", "session_id", sessionId), "Accept", "text/event-stream");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = events(stream.body());
        assertThat(events.get(0)).isEqualTo("start");
        assertThat(events.stream().filter("delta"::equals).count()).isGreaterThan(1);
        assertThat(events.get(events.size() - 1)).isEqualTo("done");
        JsonNode done = lastData(stream.body());
        assertThat(done.path("session_id").asText()).isEqualTo(sessionId);
        assertThat(done.path("response").asText()).contains("warranty");

        JsonNode config = assertStatus(server.get("/api/v1/chatbots/draft/" + draftId + "/widget-config", token), 200);
        assertThat(config.path("appearance").path("position").asText()).isEqualTo("bottom-left");
        assertThat(config.path("preview").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("deploy gives an embed code and keys; the public API answers with them, from allowed origins only")
    void deployAndPublicApi() {
        String draftId = newDraft(botData("Support", List.of("shop.example.com", "*.acme.example")));
        JsonNode deployed = deploy(draftId);
        String botId = deployed.path("chatbot_id").asText();
        String secret = deployed.path("api_key").asText();
        JsonNode website = deployed.path("channels").path("website");
        String widgetKey = website.path("widget_key").asText();
        assertThat(website.path("embed_code").asText()).contains("/widget.js").contains(botId).contains(widgetKey);
        assertThat(secret).startsWith("bk_");
        assertThat(widgetKey).startsWith("wk_");
        assertError(server.get("/api/v1/chatbots/draft/" + draftId, token), 404, "not_found");

        String chat = "/api/v1/bots/" + botId + "/chat";
        // widget key: only from the allowed domains
        JsonNode config = assertStatus(server.send("GET", "/api/v1/bots/" + botId + "/config", widgetKey, null,
                "Origin", "https://shop.example.com"), 200);
        assertThat(config.path("name").asText()).isEqualTo("Support");
        assertThat(config.path("lead_capture").path("timing").asText()).isEqualTo("after_first_message");
        assertStatus(server.send("POST", chat, widgetKey, Map.of("message", "descale?"), "Origin", "https://help.acme.example"), 200);
        assertError(server.send("POST", chat, widgetKey, Map.of("message", "descale?"), "Origin", "https://evil.example"),
                403, "origin_not_allowed");
        assertError(server.post(chat, widgetKey, Map.of("message", "descale?")), 403, "forbidden");
        // keys and bots do not mix; admin tokens do not open public routes, bot keys do not open admin ones
        assertError(server.post(chat, token, Map.of("message", "hi")), 401, "unauthorized");
        assertError(server.get("/api/v1/chatbots", secret), 401, "unauthorized");
        assertError(server.post("/api/v1/bots/00000000-0000-4000-8000-000000000000/chat", secret,
                Map.of("message", "hi")), 404, "not_found");
        // bad messages
        assertError(server.post(chat, secret, Map.of("message", " ")), 400, "invalid_field");
        assertError(server.post(chat, secret, Map.of("message", "x".repeat(4001))), 400, "invalid_field");
        assertError(server.post(chat, secret, "{\"message\": 3}"), 400, "invalid_field");

        JsonNode answer = assertStatus(server.post(chat, secret, Map.of("message", "How do I claim the warranty?",
                "metadata", Map.of("variables", Map.of("user_name", "Ann")))), 200);
        String sessionId = answer.path("session_id").asText();
        String messageId = answer.path("message_id").asText();
        assertThat(answer.path("response").asText()).contains("receipt");

        // feedback, leads
        assertStatus(server.post("/api/v1/bots/" + botId + "/feedback", secret,
                Map.of("message_id", messageId, "rating", "positive", "comment", "spot on")), 200);
        assertError(server.post("/api/v1/bots/" + botId + "/feedback", secret,
                Map.of("message_id", messageId, "rating", "great")), 400, "invalid_field");
        assertError(server.post("/api/v1/leads/capture", secret, Map.of("bot_id", botId, "name", "Ann")),
                422, "missing_fields");
        assertError(server.post("/api/v1/leads/capture", secret, Map.of("bot_id", botId, "email", "not-an-email")),
                400, "invalid_field");
        assertStatus(server.post("/api/v1/leads/capture", secret, Map.of("bot_id", botId, "session_id", sessionId,
                "email", "ann@example.com", "name", "Ann")), 201);

        // what the builder sees
        JsonNode sessions = assertStatus(server.get("/api/v1/chatbots/" + botId + "/sessions", token), 200);
        assertThat(sessions.path("sessions").findValuesAsText("id")).contains(sessionId);
        JsonNode session = assertStatus(server.get("/api/v1/sessions/" + sessionId, token), 200);
        JsonNode messages = session.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        JsonNode reply = messages.get(1);
        assertThat(reply.path("model").asText()).isEqualTo("offline-extractive");
        assertThat(reply.path("feedback").path("rating").asText()).isEqualTo("positive");
        assertThat(reply.path("sources")).isNotEmpty();
        assertThat(reply.path("latency_ms").isNumber()).isTrue();
        assertThat(session.path("session").path("metadata").path("variables").path("user_name").asText()).isEqualTo("Ann");
        JsonNode leads = assertStatus(server.get("/api/v1/chatbots/" + botId + "/leads", token), 200);
        assertThat(leads.path("leads").get(0).path("email").asText()).isEqualTo("ann@example.com");
        assertThat(leads.path("leads").get(0).path("session_id").asText()).isEqualTo(sessionId);

        // a revoked key stops working at once
        JsonNode created = assertStatus(server.post("/api/v1/chatbots/" + botId + "/keys", token, Map.of("name", "CI")), 201);
        String extra = created.path("key").asText();
        assertStatus(server.post(chat, extra, Map.of("message", "warranty")), 200);
        assertStatus(server.delete("/api/v1/chatbots/" + botId + "/keys/" + created.path("id").asText(), token), 204);
        assertError(server.post(chat, extra, Map.of("message", "warranty")), 401, "key_revoked");
        assertThat(assertStatus(server.get("/api/v1/chatbots/" + botId + "/keys", token), 200).toString())
                .doesNotContain(extra.substring(extra.lastIndexOf('_') + 1));
    }

    @Test
    @DisplayName("editing a deployed bot opens a draft; the live version answers until the edit is deployed")
    void editAndRedeploy() {
        JsonNode deployed = deploy(newDraft(botData("Before", List.of())));
        String botId = deployed.path("chatbot_id").asText();
        String secret = deployed.path("api_key").asText();
        JsonNode edit = assertStatus(server.post("/api/v1/chatbots/" + botId + "/edit", token, null), 201);
        String draftId = edit.path("draft_id").asText();
        assertStatus(server.patch("/api/v1/chatbots/draft/" + draftId, token, Map.of("data", Map.of("name", "After"))), 200);
        assertThat(assertStatus(server.get("/api/v1/bots/" + botId + "/config", secret), 200).path("name").asText())
                .isEqualTo("Before");
        JsonNode redeployed = deploy(draftId);
        assertThat(redeployed.path("chatbot_id").asText()).isEqualTo(botId);
        assertThat(redeployed.path("version").asInt()).isEqualTo(2);
        assertThat(redeployed.has("api_key")).as("keys are issued once").isFalse();
        assertThat(assertStatus(server.get("/api/v1/bots/" + botId + "/config", secret), 200).path("name").asText())
                .isEqualTo("After");
        assertThat(assertStatus(server.get("/api/v1/chatbots/" + botId, token), 200).path("config").has("chatbot_id"))
                .isFalse();
        // a direct change is validated before it is stored
        assertError(server.patch("/api/v1/chatbots/" + botId, token, Map.of("data", Map.of("system_prompt", ""))),
                422, "validation_failed");
        assertStatus(server.patch("/api/v1/chatbots/" + botId, token, Map.of("data", Map.of("description", "Kettles"))), 200);
        assertStatus(server.delete("/api/v1/chatbots/" + botId, token), 204);
        assertError(server.get("/api/v1/bots/" + botId + "/config", secret), 404, "not_found");
    }

    @Test
    @DisplayName("the hourly limit answers 429 with Retry-After; widgets are capped per session")
    void limits() {
        Map<String, Object> data = botData("Limited", List.of());
        data.put("features", Map.of("rate_limiting", Map.of("enabled", true, "max_messages_per_hour", 2),
                "max_messages_per_session", 1));
        JsonNode deployed = deploy(newDraft(data));
        String botId = deployed.path("chatbot_id").asText();
        String widget = deployed.path("channels").path("website").path("widget_key").asText();
        String chat = "/api/v1/bots/" + botId + "/chat";
        JsonNode first = assertStatus(server.send("POST", chat, widget, Map.of("message", "descale"),
                "Origin", "http://localhost:3000"), 200);
        JsonNode capped = assertError(server.send("POST", chat, widget, Map.of("message", "again",
                "session_id", first.path("session_id").asText()), "Origin", "http://localhost:3000"), 429, "conversation_limit");
        assertThat(capped.path("message").asText()).contains("new conversation");
        TestServer.Response limited = server.send("POST", chat, widget, Map.of("message", "new"),
                "Origin", "http://localhost:3000");
        assertError(limited, 429, "rate_limited");
        assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isPositive();
    }

    @Test
    @DisplayName("the public routes answer browsers' preflight requests")
    void cors() {
        TestServer.Response preflight = server.send("OPTIONS", "/api/v1/bots/x/chat", null, null,
                "Origin", "https://shop.example.com", "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-headers").orElse("")).contains("Authorization");
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("*");
    }

    static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("event: ")) {
                out.add(line.substring(7).strip());
            }
        }
        return out;
    }

    static JsonNode lastData(String body) {
        String last = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                last = line.substring(6);
            }
        }
        try {
            return new ObjectMapper().readTree(last);
        } catch (Exception e) {
            throw new AssertionError("no JSON data line in " + body, e);
        }
    }
}
