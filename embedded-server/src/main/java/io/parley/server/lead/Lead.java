package io.parley.server.lead;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A visitor's contact details, captured by a bot's lead form. */
public record Lead(String id, String workspaceId, String botType, String botId, String sessionId, String email,
                   String name, String phone, ObjectNode customFields, String origin, Instant createdAt) {
}
