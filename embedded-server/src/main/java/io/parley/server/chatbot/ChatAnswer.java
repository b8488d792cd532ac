package io.parley.server.chatbot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer of the chat endpoints. {@code errorCode} is set when the model failed: {@code response}
 * is then the friendly message the visitor sees (it is also what was saved). {@code extras} are
 * further top-level fields: a chatflow's {@code messages} and {@code input}.
 */
public record ChatAnswer(String response, List<Map<String, Object>> sources, String sessionId, String messageId,
                         List<String> suggestions, Map<String, Object> metadata, String errorCode,
                         Map<String, Object> extras) {

    public ChatAnswer(String response, List<Map<String, Object>> sources, String sessionId, String messageId,
                      List<String> suggestions, Map<String, Object> metadata, String errorCode) {
        this(response, sources, sessionId, messageId, suggestions, metadata, errorCode, Map.of());
    }

    public boolean failed() {
        return errorCode != null;
    }

    /** The body of {@code POST bots/{id}/chat} and of the stream's {@code done} event. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("response", response);
        out.put("sources", sources);
        out.put("session_id", sessionId);
        out.put("message_id", messageId);
        out.put("suggestions", suggestions);
        out.put("metadata", metadata);
        out.putAll(extras); // a chatflow's messages[] and input request
        return out;
    }
}
