package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One visitor message. {@code metadata} may carry {@code user} (name, email…) and {@code variables}
 * (values for the instructions' placeholders); {@code capped} applies the per-session and per-day
 * caps of public widgets.
 */
public record Turn(String message, String sessionId, ObjectNode metadata, String channel, boolean capped) {
}
