package io.parley.studio.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chatbot part of the HTTP API, typed (see {@code docs/api/chatbots.md}): drafts with their
 * validation, deploy and widget config; deployed chatbots; the workspace's model settings.
 * Calls block; run them off the JavaFX thread.
 */
public final class ChatbotApi {

    private final ParleyApiClient client;

    public ChatbotApi(ParleyApiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    // ---- drafts

    /** Starts a draft with its first fields ({@code name}, …). */
    public String createDraft(Map<String, ?> firstFields) {
        return client.post("/api/v1/chatbots/draft", firstFields, DraftCreated.class).draftId();
    }

    public Draft draft(String draftId) {
        return client.get(draftPath(draftId), Draft.class);
    }

    /** The workspace's unfinished chatbot drafts; none when this server does not list them. */
    public List<Draft> drafts() {
        try {
            return client.get("/api/v1/chatbots/drafts", DraftList.class).drafts();
        } catch (ParleyApiException e) {
            if (e.status() == 404 || e.status() == 405) {
                return List.of();
            }
            throw e;
        }
    }

    /** Auto-save: deep-merges {@code changes} into the draft (arrays replace). */
    public Saved updateDraft(String draftId, Map<String, ?> changes) {
        return client.patch(draftPath(draftId), Map.of("data", changes), Saved.class);
    }

    public void deleteDraft(String draftId) {
        client.delete(draftPath(draftId));
    }

    public Validation validate(String draftId) {
        return client.post(draftPath(draftId) + "/validate", null, Validation.class);
    }

    public Deployed deploy(String draftId) {
        return client.post(draftPath(draftId) + "/deploy", null, Deployed.class);
    }

    /** What the widget is given for the preview: the same shape as a deployed bot's public config. */
    public JsonNode widgetConfig(String draftId) {
        return client.get(draftPath(draftId) + "/widget-config", JsonNode.class);
    }

    /**
     * The page the live preview shows: the real widget from this server, answering as the draft.
     * {@link PreviewPage#url()} is the server's own preview page, with the draft and the token in
     * the fragment (never sent to a server or logged); {@link PreviewPage#html()} is the same page
     * for a server without it, to be written into a document of the server's origin.
     */
    public PreviewPage previewPage(String draftId) {
        String base = stripSlash(client.baseUri().toString());
        String token = client.bearerToken().orElse("");
        URI url = URI.create(base + "/widget-preview.html#draft=" + encode(draftId) + "&token=" + encode(token));
        String html = """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Preview</title>
                <style>html,body{margin:0;height:100%%;overflow:hidden;background:#f4f5f8;font-family:sans-serif}
                .parley-preview-note{margin:24px;color:#6b7280;font-size:13px;line-height:1.5}</style>
                </head><body>
                <script src="%s/widget.js" data-preview-draft="%s" data-token="%s" data-open="true" \
                data-embedded="true" onerror="document.body.insertAdjacentHTML('beforeend', \
                '<p class=parley-preview-note>The chat window could not be loaded from the local server.</p>')">\
                </script>
                </body></html>
                """.formatted(base, attribute(draftId), attribute(token));
        return new PreviewPage(url, html);
    }

    // ---- deployed chatbots

    public List<ChatbotSummary> list() {
        return client.get("/api/v1/chatbots", ChatbotList.class).chatbots();
    }

    public Chatbot get(String chatbotId) {
        return client.get(chatbot(chatbotId), Chatbot.class);
    }

    /** Deep-merges {@code changes} into the live configuration (validated first). */
    public void update(String chatbotId, Map<String, ?> changes) {
        client.patch(chatbot(chatbotId), Map.of("data", changes), JsonNode.class);
    }

    public void delete(String chatbotId) {
        client.delete(chatbot(chatbotId));
    }

    /** A draft of the live version; deploying it replaces the live version. */
    public String edit(String chatbotId) {
        return client.post(chatbot(chatbotId) + "/edit", null, DraftCreated.class).draftId();
    }

    /** The chatbot's latest conversations, newest first. */
    public List<Conversation> conversations(String chatbotId) {
        return client.get(chatbot(chatbotId) + "/sessions?limit=50", ConversationList.class).sessions();
    }

    /** One conversation with its messages, oldest first. */
    public Transcript transcript(String sessionId) {
        return client.get("/api/v1/sessions/" + encode(sessionId), Transcript.class);
    }

    /** Contact details visitors left with the chatbot, newest first. */
    public List<Lead> leads(String chatbotId) {
        return client.get(chatbot(chatbotId) + "/leads?limit=200", LeadList.class).leads();
    }

    // ---- the workspace's model settings

    public JsonNode defaultModel() {
        return client.get("/api/v1/models/default", JsonNode.class);
    }

    public JsonNode saveDefaultModel(Map<String, ?> settings) {
        return client.put("/api/v1/models/default", settings, JsonNode.class);
    }

    /**
     * Tries a provider with one short request. {@code provider} {@code null} tries the workspace
     * default; {@code model} {@code null} the provider's default model.
     */
    public ConnectionTest testModel(Map<String, ?> provider, String model) {
        Map<String, Object> body = new LinkedHashMap<>(); // absent, not null: {} tests the workspace default
        if (provider != null) {
            body.put("provider", provider);
        }
        if (model != null) {
            body.put("model", model);
        }
        return client.post("/api/v1/models/test", body, ConnectionTest.class);
    }

    /** Stores a secret (for example a model server's API key), encrypted; the value is never shown again. */
    public Credential createCredential(String name, String type, String value) {
        return client.post("/api/v1/credentials", Map.of("name", name, "type", type, "value", value),
                Credential.class);
    }

    /** Deletes a saved key; the server refuses (409) while a model setting still uses it. */
    public void deleteCredential(String credentialId) {
        client.delete("/api/v1/credentials/" + encode(credentialId));
    }

    /** The workspace's saved credentials (names and types, never values); none on a server without them. */
    public List<Credential> credentials() {
        try {
            return client.get("/api/v1/credentials", CredentialList.class).credentials();
        } catch (ParleyApiException e) {
            if (e.status() == 404 || e.status() == 405) {
                return List.of();
            }
            throw e;
        }
    }

    private static String draftPath(String draftId) {
        return "/api/v1/chatbots/draft/" + encode(draftId);
    }

    private static String chatbot(String chatbotId) {
        return "/api/v1/chatbots/" + encode(chatbotId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    // ---- the shapes the server answers with (snake_case on the wire)

    /** The preview page's address, and its HTML for servers that do not serve it. */
    public record PreviewPage(URI url, String html) {
    }

    record DraftCreated(String draftId) {
    }

    public record Draft(String id, String status, JsonNode data, String updatedAt, String expiresAt) {
    }

    record DraftList(List<Draft> drafts) {
    }

    public record Saved(String status, String updatedAt) {
    }

    public record Validation(boolean valid, List<Issue> errors, List<Issue> warnings) {
    }

    public record Issue(String field, String message) {
    }

    public record Deployed(String chatbotId, String status, Map<String, Channel> channels, String apiKey) {
    }

    public record Channel(String status, String embedCode, String widgetKey, List<String> allowedDomains,
                          String position) {
    }

    public record ChatbotSummary(String id, String name, String description, String status, String createdAt,
                                 String updatedAt, Integer deployedVersion) {
    }

    record ChatbotList(List<ChatbotSummary> chatbots) {
    }

    public record Chatbot(String id, String name, String description, String status, JsonNode config,
                          Map<String, Channel> channels) {
    }

    public record ConnectionTest(boolean ok, Long latencyMs, String model, String message, String code) {
    }

    public record Conversation(String id, String channel, String status, int messageCount, String createdAt,
                               String lastMessageAt, JsonNode metadata) {
    }

    record ConversationList(List<Conversation> sessions) {
    }

    public record Transcript(Conversation session, List<Message> messages) {
    }

    public record Message(String id, String role, String content, JsonNode sources, JsonNode feedback, String error,
                          String errorCode, String createdAt) {
    }

    public record Lead(String id, String email, String name, String phone, String sessionId, String createdAt) {
    }

    record LeadList(List<Lead> leads) {
    }

    public record Credential(String id, String name, String type) {
    }

    record CredentialList(List<Credential> credentials) {
    }
}
