package io.parley.server.api;

import io.parley.server.api.OpenApiRoutes.Route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes whose handler reads a free-form JSON body (a {@code JsonNode}), so /openapi cannot list
 * its fields: the fields each one reads with the JSON type they must have, and bodies that would
 * succeed. A route with an undescribed body that is missing here fails the route-wide tests
 * (isolation, envelope, fuzz) until it is added.
 */
final class FreeFormBodies {

    /**
     * One route's body.
     *
     * @param valid               bodies that would succeed, the usual one first
     * @param fields              every field the handler reads (dotted for nested ones) and its JSON type:
     *                            string, integer, number, boolean, object or array
     * @param emptyObjectIsValid  {@code {}} is a complete request (all fields optional)
     */
    record Contract(List<Map<String, Object>> valid, Map<String, String> fields, boolean emptyObjectIsValid) {

        /** The first valid body that has {@code field} (or its parent object), else the usual one. */
        Map<String, Object> baseFor(String field) {
            String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            return valid.stream().filter(b -> b.containsKey(top)).findFirst().orElse(valid.get(0));
        }
    }

    /** A knowledge-base source or document: pasted text, or a web address (loopback: nothing is fetched). */
    private static final List<Map<String, Object>> SOURCE_BODIES = List.of(
            Map.of("type", "text", "title", "Planted note", "text", "Some planted text.",
                    "annotations", Map.of("importance", 1.5, "tags", List.of("planted"))),
            Map.of("type", "url", "url", "http://127.0.0.1:9/", "crawl", Map.of("max_pages", 1, "max_depth", 0)));

    private static final Map<String, String> SOURCE_FIELDS = fields(
            "type", "string", "title", "string", "text", "string", "url", "string",
            "crawl", "object", "crawl.max_pages", "integer", "crawl.max_depth", "integer",
            "annotations", "object", "annotations.importance", "number", "annotations.tags", "array",
            "annotations.note", "string");

    /**
     * A chatbot's document (docs/api/chatbots.md, chatbot/ChatbotConfig): every field the server binds
     * and checks on a save, a live change, a validate and a deploy. Lists of objects (knowledge bases,
     * variables, channels) are typed as lists; their items are checked by ChatbotApiTest.
     */
    private static final Map<String, String> CHATBOT_FIELDS = fields(
            "name", "string", "description", "string", "category", "string", "visibility", "string",
            "knowledge_bases", "array", "provider", "object", "model", "string", "temperature", "number",
            "max_tokens", "integer", "system_prompt", "string",
            "memory", "object", "memory.enabled", "boolean", "memory.max_messages", "integer",
            "variables", "array",
            "appearance", "object", "appearance.theme", "string", "appearance.primary_color", "string",
            "appearance.avatar_url", "string", "appearance.welcome_message", "string",
            "appearance.suggested_prompts", "array",
            "features", "object", "features.enable_citations", "boolean",
            "features.enable_follow_up_suggestions", "boolean", "features.enable_feedback", "boolean",
            "features.rate_limiting", "object", "features.rate_limiting.enabled", "boolean",
            "features.rate_limiting.max_messages_per_hour", "integer",
            "features.max_messages_per_session", "integer", "features.max_messages_per_day", "integer",
            "lead_capture", "object", "lead_capture.enabled", "boolean", "lead_capture.timing", "string",
            "lead_capture.required_fields", "array", "lead_capture.optional_fields", "array",
            "deployment", "object", "deployment.channels", "array");

    /**
     * Chatbot documents that a save accepts and that keep the bot usable by the public routes (lead
     * capture and feedback stay on, no hourly limit, no knowledge base that would not validate):
     * the usual one first, then one per group of settings.
     */
    private static final List<Map<String, Object>> CHATBOT_DOCUMENTS = List.of(
            Map.of("name", "Planted bot", "description", "Planted", "category", "customer_support",
                    "visibility", "private", "system_prompt", "Answer from the knowledge base, {{user_name}}.",
                    "variables", List.of(Map.of("name", "user_name", "type", "text", "required", false,
                            "default", "there", "collect_before_chat", false)),
                    "temperature", 0.5, "max_tokens", 512, "model", "planted-model"),
            Map.of("provider", Map.of("type", "offline"), "memory", Map.of("enabled", true, "max_messages", 4),
                    "knowledge_bases", List.of()),
            Map.of("appearance", Map.of("theme", "dark", "primary_color", "#4F46E5",
                    "avatar_url", "https://example.com/a.png", "welcome_message", "Hello!",
                    "suggested_prompts", List.of("What can you do?"))),
            Map.of("features", Map.of("enable_citations", true, "enable_follow_up_suggestions", false,
                    "enable_feedback", true, "rate_limiting", Map.of("enabled", false, "max_messages_per_hour", 1000),
                    "max_messages_per_session", 100, "max_messages_per_day", 1000)),
            Map.of("lead_capture", Map.of("enabled", true, "timing", "before_chat",
                    "required_fields", List.of("email"), "optional_fields", List.of("name", "phone"))),
            Map.of("deployment", Map.of("channels", List.of(Map.of("type", "website", "enabled", true,
                    "config", Map.of("widget_position", "bottom-right", "allowed_domains", List.of()))))));

    /** {@code {"data": document}}: how a save and a live change send the chatbot document. */
    private static final List<Map<String, Object>> CHATBOT_CHANGES = CHATBOT_DOCUMENTS.stream()
            .<Map<String, Object>>map(d -> Map.of("data", d)).toList();

    /** {@code data} and the document's fields under it; errors name the field inside the document. */
    private static final Map<String, String> CHATBOT_CHANGE_FIELDS = inData(CHATBOT_FIELDS);

    /**
     * A chatflow's document (docs/api/chatflows.md, chatflow/graph/FlowReader and the chatbot shell):
     * the graph's lists are typed as lists, their items are checked by ChatflowApiContract and FlowReaderTest.
     */
    private static final Map<String, String> CHATFLOW_FIELDS = fields(
            "name", "string", "description", "string", "category", "string", "visibility", "string",
            "nodes", "array", "edges", "array", "variables", "object",
            "settings", "object", "settings.max_steps", "integer", "settings.timeout_seconds", "integer",
            "settings.max_iterations", "integer", "settings.fallback_message", "string",
            "appearance", "object", "appearance.theme", "string", "appearance.primary_color", "string",
            "appearance.avatar_url", "string", "appearance.welcome_message", "string",
            "appearance.suggested_prompts", "array",
            "features", "object", "features.enable_feedback", "boolean",
            "features.rate_limiting", "object", "features.rate_limiting.enabled", "boolean",
            "features.rate_limiting.max_messages_per_hour", "integer",
            "features.max_messages_per_session", "integer", "features.max_messages_per_day", "integer",
            "lead_capture", "object", "lead_capture.enabled", "boolean", "lead_capture.timing", "string",
            "lead_capture.required_fields", "array", "lead_capture.optional_fields", "array",
            "deployment", "object", "deployment.channels", "array");

    /** A flow that validates (trigger → response), then one document per group of settings. */
    static final List<Map<String, Object>> CHATFLOW_DOCUMENTS = List.of(
            Map.of("name", "Planted flow", "description", "Planted", "category", "automation", "visibility", "private",
                    "nodes", List.of(
                            Map.of("id", "start", "type", "trigger", "position", Map.of("x", 0, "y", 0), "data", Map.of()),
                            Map.of("id", "answer", "type", "response", "position", Map.of("x", 200, "y", 0),
                                    "data", Map.of("message", "You said {{input}}"))),
                    "edges", List.of(Map.of("id", "e1", "source", "start", "target", "answer")),
                    "variables", Map.of("topic", "")),
            Map.of("settings", Map.of("max_steps", 50, "timeout_seconds", 20, "max_iterations", 10,
                    "fallback_message", "Sorry, try again.")),
            Map.of("appearance", Map.of("theme", "dark", "primary_color", "#4F46E5",
                    "avatar_url", "https://example.com/a.png", "welcome_message", "Hello!",
                    "suggested_prompts", List.of("What can you do?"))),
            Map.of("features", Map.of("enable_feedback", true, "rate_limiting", Map.of("enabled", false,
                    "max_messages_per_hour", 1000), "max_messages_per_session", 100, "max_messages_per_day", 1000)),
            Map.of("lead_capture", Map.of("enabled", true, "timing", "before_chat",
                    "required_fields", List.of("email"), "optional_fields", List.of("name", "phone"))),
            Map.of("deployment", Map.of("channels", List.of(Map.of("type", "website", "enabled", true,
                    "config", Map.of("widget_position", "bottom-right", "allowed_domains", List.of()))))));

    private static final List<Map<String, Object>> CHATFLOW_CHANGES = CHATFLOW_DOCUMENTS.stream()
            .<Map<String, Object>>map(d -> Map.of("data", d)).toList();

    /** A model provider that refuses connections at once (nothing listens on port 9), and an offline one. */
    private static final List<Map<String, Object>> MODEL_SETTINGS_BODIES = List.of(
            Map.of("provider", Map.of("type", "openai_compatible", "base_url", "http://127.0.0.1:9/v1",
                    "timeout_seconds", 5, "max_retries", 0), "model", "llama3.2", "temperature", 0.5, "max_tokens", 64),
            Map.of("provider", Map.of("type", "offline")));

    private static final Map<String, String> PROVIDER_FIELDS = fields(
            "provider", "object", "provider.type", "string", "provider.base_url", "string",
            "provider.credential_id", "string", "provider.timeout_seconds", "integer", "provider.max_retries", "integer",
            "model", "string", "workspace_id", "string");


    static final Map<String, Contract> CONTRACTS = Map.ofEntries(
            // a new chatbot draft: the first fields of the document, or the document under 'data'
            Map.entry("POST /api/v1/chatbots/draft", new Contract(concat(CHATBOT_DOCUMENTS,
                    List.of(Map.of("data", Map.of("name", "Planted bot")))),
                    plus(CHATBOT_FIELDS, "data", "object", "workspace_id", "string"), true)),
            Map.entry("PATCH /api/v1/chatbots/draft/{draft_id}", new Contract(CHATBOT_CHANGES, CHATBOT_CHANGE_FIELDS,
                    false)),
            Map.entry("PATCH /api/v1/chatbots/{chatbot_id}", new Contract(CHATBOT_CHANGES, CHATBOT_CHANGE_FIELDS,
                    false)),
            Map.entry("POST /api/v1/chatflows/draft", new Contract(concat(CHATFLOW_DOCUMENTS,
                    List.of(Map.of("data", Map.of("name", "Planted flow")))),
                    plus(CHATFLOW_FIELDS, "data", "object", "workspace_id", "string"), true)),
            Map.entry("PATCH /api/v1/chatflows/draft/{draft_id}", new Contract(CHATFLOW_CHANGES, inData(CHATFLOW_FIELDS),
                    false)),
            Map.entry("PATCH /api/v1/chatflows/{chatflow_id}", new Contract(CHATFLOW_CHANGES, inData(CHATFLOW_FIELDS),
                    false)),
            // a chatflow file, as export writes it
            Map.entry("POST /api/v1/chatflows/import", new Contract(List.of(Map.of("parley_chatflow", 1,
                    "flow", CHATFLOW_DOCUMENTS.get(0))),
                    fields("parley_chatflow", "integer", "flow", "object", "workspace_id", "string"), false)),
            // the draft's own content (name, settings) is free-form until validate; only the envelope is typed
            Map.entry("POST /api/v1/kb/draft", new Contract(List.of(
                    Map.of("name", "Planted draft", "embedding_config", Map.of("model", KbFixtures.MODEL)),
                    Map.of("data", Map.of("name", "Planted draft"))),
                    fields("data", "object", "workspace_id", "string"), true)),
            Map.entry("PATCH /api/v1/kb/draft/{draft_id}", new Contract(List.of(
                    Map.of("data", Map.of("description", "Changed by a save"))),
                    fields("data", "object"), false)),
            Map.entry("POST /api/v1/kb/draft/{draft_id}/sources", new Contract(SOURCE_BODIES, SOURCE_FIELDS, false)),
            Map.entry("PATCH /api/v1/kb/{kb_id}", new Contract(List.of(
                    Map.of("name", "Renamed", "description", "Changed"),
                    Map.of("retrieval_config", Map.of("top_k", 4, "search_method", "keyword", "threshold", 0.1)),
                    Map.of("chunking_config", Map.of("strategy", "fixed", "chunk_size", 128)),
                    Map.of("embedding_config", Map.of("model", KbFixtures.MODEL))),
                    fields("name", "string", "description", "string",
                            "retrieval_config", "object", "retrieval_config.top_k", "integer",
                            "retrieval_config.search_method", "string", "retrieval_config.threshold", "number",
                            "chunking_config", "object", "chunking_config.strategy", "string",
                            "chunking_config.chunk_size", "integer",
                            "embedding_config", "object", "embedding_config.model", "string"), true)),
            Map.entry("POST /api/v1/kb/{kb_id}/documents", new Contract(SOURCE_BODIES, SOURCE_FIELDS, false)),
            Map.entry("PATCH /api/v1/kb/{kb_id}/documents/{document_id}", new Contract(List.of(
                    Map.of("annotations", Map.of("importance", 2, "tags", List.of("planted")))),
                    fields("annotations", "object", "annotations.importance", "number", "annotations.tags", "array",
                            "annotations.note", "string"),
                    true)),
            // the settings document, as GET answers it
            Map.entry("PUT /api/v1/models/default", new Contract(MODEL_SETTINGS_BODIES, plus(PROVIDER_FIELDS,
                    "temperature", "number", "max_tokens", "integer"), false)),
            // {} tests the workspace's default model
            Map.entry("POST /api/v1/models/test", new Contract(MODEL_SETTINGS_BODIES, PROVIDER_FIELDS, true)));

    private FreeFormBodies() {
    }

    /** True when the route takes a JSON body that /openapi does not describe. */
    static boolean isFreeForm(Route route) {
        return route.hasBody() && route.bodyFields().isEmpty();
    }

    /** The route's contract; an undescribed body nobody taught this class fails the test. */
    static Contract of(Route route) {
        Contract contract = CONTRACTS.get(route.toString());
        if (contract == null) {
            throw new AssertionError(route + " takes a JSON body that /openapi does not describe: add its fields and a "
                    + "valid body to FreeFormBodies");
        }
        return contract;
    }

    /** A copy of {@code body} with {@code field} (dotted for a nested one) set to {@code value}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        int dot = field.indexOf('.');
        if (dot < 0) {
            copy.put(field, value);
            return copy;
        }
        String parent = field.substring(0, dot);
        Object nested = copy.get(parent);
        Map<String, Object> inner = nested instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        copy.put(parent, with(inner, field.substring(dot + 1), value));
        return copy;
    }

    /** The field a server error names for {@code field}: a field under {@code data} is named inside the document. */
    static String inDocument(String field) {
        return field.startsWith("data.") ? field.substring("data.".length()) : field;
    }

    private static Map<String, String> inData(Map<String, String> documentFields) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("data", "object");
        documentFields.forEach((name, type) -> out.put("data." + name, type));
        return out;
    }

    private static Map<String, String> plus(Map<String, String> base, String... namesAndTypes) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(fields(namesAndTypes));
        return out;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> out = new java.util.ArrayList<>(first);
        out.addAll(second);
        return List.copyOf(out);
    }

    private static Map<String, String> fields(String... namesAndTypes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            out.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        return out;
    }
}
