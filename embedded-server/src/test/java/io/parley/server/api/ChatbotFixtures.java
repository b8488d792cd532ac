package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;

import java.util.List;
import java.util.Map;

import static io.parley.server.api.ApiAssertions.assertStatus;

/**
 * Chatbot data made over HTTP, so route-wide tests have real ids: a draft, a deployed chatbot on a
 * knowledge base with its secret key, one conversation, and a second secret key.
 */
final class ChatbotFixtures {

    record BotIds(String draftId, String chatbotId, String secretKey, String botKeyId, String sessionId,
                  String messageId) {
    }

    private ChatbotFixtures() {
    }

    static BotIds create(TestServer server, String token, String workspaceId, String kbId) {
        String draftId = draft(server, token, workspaceId, "Work in progress", kbId);
        JsonNode deployed = assertStatus(server.post("/api/v1/chatbots/draft/"
                + draft(server, token, workspaceId, "Helper", kbId) + "/deploy", token, null), 200);
        String botId = deployed.path("chatbot_id").asText();
        String secret = deployed.path("api_key").asText();
        JsonNode key = assertStatus(server.post("/api/v1/chatbots/" + botId + "/keys", token, Map.of("name", "extra")), 201);
        JsonNode answer = assertStatus(server.post("/api/v1/bots/" + botId + "/chat", secret,
                Map.of("message", "What do you know?")), 200);
        return new BotIds(draftId, botId, secret, key.path("id").asText(), answer.path("session_id").asText(),
                answer.path("message_id").asText());
    }

    static String draft(TestServer server, String token, String workspaceId, String name, String kbId) {
        return assertStatus(server.post("/api/v1/chatbots/draft", token, Map.of("workspace_id", workspaceId,
                "name", name, "system_prompt", "Answer from the knowledge base.",
                "knowledge_bases", List.of(Map.of("kb_id", kbId, "enabled", true)),
                "lead_capture", Map.of("enabled", true, "required_fields", List.of("email")))), 201)
                .path("draft_id").asText();
    }
}
