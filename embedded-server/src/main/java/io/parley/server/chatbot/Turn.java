package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.inference.ChatMessage;

import java.util.List;

/**
 * One visitor message. {@code metadata} may carry {@code user} (name, email…) and {@code variables}
 * (values for the instructions' placeholders); {@code capped} applies the per-session and per-day
 * caps of public widgets. {@code history}, when not null, is the conversation so far as the client
 * keeps it (OpenAI-style clients send it every time) and replaces the session's memory.
 */
public record Turn(String message, String sessionId, ObjectNode metadata, String channel, boolean capped,
                   List<ChatMessage> history) {

    public Turn(String message, String sessionId, ObjectNode metadata, String channel, boolean capped) {
        this(message, sessionId, metadata, channel, capped, null);
    }
}
