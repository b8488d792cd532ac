package io.parley.studio.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatbotApi.Channel;
import io.parley.studio.api.ChatbotApi.Draft;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chatflow part of the HTTP API, typed (see {@code docs/api/chatflows.md}): drafts, their
 * validation, test runs and deploy; deployed chatflows; flow files. Calls block; run them off
 * the JavaFX thread.
 */
public final class ChatflowApi {

    private final ParleyApiClient client;

    public ChatflowApi(ParleyApiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    // ---- drafts

    public String createDraft(Map<String, ?> firstFields) {
        return client.post("/api/v1/chatflows/draft", firstFields, Created.class).draftId();
    }

    public Draft draft(String draftId) {
        return client.get(draftPath(draftId), Draft.class);
    }

    /** The workspace's unfinished chatflow drafts. */
    public List<Draft> drafts() {
        return client.get("/api/v1/chatflows/drafts", Drafts.class).drafts();
    }

    /** Auto-save: deep-merges {@code changes} into the draft (arrays such as {@code nodes} replace). */
    public void updateDraft(String draftId, Map<String, ?> changes) {
        client.patch(draftPath(draftId), Map.of("data", changes), JsonNode.class);
    }

    public void deleteDraft(String draftId) {
        client.delete(draftPath(draftId));
    }

    public Validation validate(String draftId) {
        return client.post(draftPath(draftId) + "/validate", null, Validation.class);
    }

    /** One test turn of the draft; {@code sessionId} null starts a new conversation. */
    public TestTurn execute(String draftId, String input, String sessionId) {
        return client.post(draftPath(draftId) + "/execute", executeBody(input, sessionId), TestTurn.class);
    }

    /** {@link #execute}, telling {@code stepStarted} (on the calling thread) of each node id as it starts. */
    public TestTurn execute(String draftId, String input, String sessionId, java.util.function.Consumer<String> stepStarted) {
        return client.postStreaming(draftPath(draftId) + "/execute", executeBody(input, sessionId), TestTurn.class,
                (event, data) -> {
                    if (event.equals("step") && data.hasNonNull("node_id")) {
                        stepStarted.accept(data.get("node_id").asText());
                    }
                });
    }

    private static Map<String, Object> executeBody(String input, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", input);
        if (sessionId != null) {
            body.put("session_id", sessionId);
        }
        return body;
    }

    public Deployed deploy(String draftId) {
        return client.post(draftPath(draftId) + "/deploy", null, Deployed.class);
    }

    /** The draft as a chatflow file ({@code {"parley_chatflow": 1, "flow": …}}). */
    public JsonNode exportDraft(String draftId) {
        return client.get(draftPath(draftId) + "/export", JsonNode.class);
    }

    /** A new draft from a chatflow file, with what needs fixing in this workspace. */
    public Imported importFile(JsonNode file) {
        return client.post("/api/v1/chatflows/import", file, Imported.class);
    }

    // ---- deployed chatflows

    public List<FlowSummary> list() {
        return client.get("/api/v1/chatflows", Flows.class).chatflows();
    }

    public Chatflow get(String chatflowId) {
        return client.get(flow(chatflowId), Chatflow.class);
    }

    public void delete(String chatflowId) {
        client.delete(flow(chatflowId));
    }

    /** A draft of the live version; deploying it replaces the live version. */
    public String edit(String chatflowId) {
        return client.post(flow(chatflowId) + "/edit", null, Created.class).draftId();
    }

    public JsonNode export(String chatflowId) {
        return client.get(flow(chatflowId) + "/export", JsonNode.class);
    }

    /** The deployed chatflow's latest conversations, newest first. */
    public List<ChatbotApi.Conversation> conversations(String chatflowId) {
        return client.get(flow(chatflowId) + "/sessions?limit=50", ChatbotApi.ConversationList.class).sessions();
    }

    /** Contact details visitors left with the deployed chatflow, newest first. */
    public List<ChatbotApi.Lead> leads(String chatflowId) {
        return client.get(flow(chatflowId) + "/leads?limit=200", ChatbotApi.LeadList.class).leads();
    }

    /** A conversation with its messages (any bot's). */
    public ChatbotApi.Transcript transcript(String sessionId) {
        return client.get("/api/v1/sessions/" + encode(sessionId), ChatbotApi.Transcript.class);
    }

    private static String draftPath(String draftId) {
        return "/api/v1/chatflows/draft/" + encode(draftId);
    }

    private static String flow(String chatflowId) {
        return "/api/v1/chatflows/" + encode(chatflowId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- the shapes the server answers with (snake_case on the wire)

    record Created(String draftId) {
    }

    record Drafts(List<Draft> drafts) {
    }

    /** A finding of validation; {@code nodeId} is null for the flow as a whole. */
    public record Issue(String nodeId, String field, String message) {
    }

    public record Validation(boolean valid, List<Issue> errors, List<Issue> warnings) {
        public Validation {
            errors = errors == null ? List.of() : List.copyOf(errors);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    public record Imported(String draftId, boolean valid, List<Issue> errors, List<Issue> warnings) {
    }

    /** One row of a test turn's execution log. */
    public record LogEntry(String nodeId, String type, String label, String status, Long durationMs, JsonNode inputs,
                           JsonNode output, String branch, String error, String errorCode) {
    }

    /** What the flow asks for when it waits on a question. */
    public record Input(String nodeId, String type, String prompt, List<Choice> choices) {
    }

    public record Choice(String label, String value) {
    }

    /** The answer of a test turn, with its log and the conversation's state afterwards. */
    public record TestTurn(String response, List<JsonNode> messages, Input input, String sessionId, String status,
                           String error, String errorCode, List<LogEntry> executionLog, Long executionTimeMs,
                           JsonNode state) {
        public TestTurn {
            messages = messages == null ? List.of() : messages;
            executionLog = executionLog == null ? List.of() : executionLog;
        }
    }

    public record Deployed(String chatflowId, String status, Integer version, Map<String, Channel> channels,
                           List<Issue> warnings, String apiKey) {
    }

    public record FlowSummary(String id, String name, String description, String status, Integer version,
                              String updatedAt) {
    }

    record Flows(List<FlowSummary> chatflows) {
    }

    /** A deployed chatflow: {@code config} is its flow document. */
    public record Chatflow(String id, String name, String description, String status, Integer version,
                           JsonNode config, Map<String, Channel> channels) {
    }
}
