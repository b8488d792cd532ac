package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;

import java.util.List;
import java.util.Map;

import static io.parley.server.api.ApiAssertions.assertStatus;

/** A workspace's chatflows for the route-wide tests: a draft, a deployed flow, a conversation and a handoff. */
final class ChatflowFixtures {

    record FlowIds(String draftId, String chatflowId, String secretKey, String sessionId, String messageId,
                   String handoffId) {
    }

    private ChatflowFixtures() {
    }

    static FlowIds create(TestServer server, String token, String workspaceId) {
        String draftId = draft(server, token, workspaceId, "Flow in progress");
        JsonNode deployed = assertStatus(server.post("/api/v1/chatflows/draft/"
                + draft(server, token, workspaceId, "Escalating flow") + "/deploy", token, null), 200);
        String flowId = deployed.path("chatflow_id").asText();
        String secret = deployed.path("api_key").asText();
        JsonNode answer = assertStatus(server.post("/api/v1/bots/" + flowId + "/chat", secret,
                Map.of("message", "I want a person")), 200);
        JsonNode handoffs = assertStatus(server.get("/api/v1/handoffs?workspace_id=" + workspaceId, token), 200);
        return new FlowIds(draftId, flowId, secret, answer.path("session_id").asText(), answer.path("message_id").asText(),
                handoffs.path("handoffs").get(0).path("id").asText());
    }

    /** trigger → handoff → response. */
    static String draft(TestServer server, String token, String workspaceId, String name) {
        return assertStatus(server.post("/api/v1/chatflows/draft", token, Map.of("workspace_id", workspaceId,
                "name", name,
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "human", "type", "handoff", "data", Map.of("reason", "Asked: {{input}}")),
                        Map.of("id", "answer", "type", "response", "data", Map.of("message", "Someone will answer soon."))),
                "edges", List.of(Map.of("id", "e1", "source", "start", "target", "human"),
                        Map.of("id", "e2", "source", "human", "target", "answer")),
                "lead_capture", Map.of("enabled", true, "required_fields", List.of("email")))), 201)
                .path("draft_id").asText();
    }
}
