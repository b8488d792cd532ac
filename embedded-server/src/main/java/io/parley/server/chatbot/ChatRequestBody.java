package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of the chat and preview endpoints: {@code {message, session_id?, metadata?}}. */
public record ChatRequestBody(String message, String sessionId, ObjectNode metadata) {
}
