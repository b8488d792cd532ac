package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A deployed chatbot: its live configuration (the deployed document) and its widget key. */
public record Chatbot(String id, String workspaceId, String name, String description, ObjectNode config, int version,
                      String widgetKey, String createdBy, Instant createdAt, Instant updatedAt) {
}
