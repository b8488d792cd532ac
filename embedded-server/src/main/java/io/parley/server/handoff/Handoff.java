package io.parley.server.handoff;

import java.time.Instant;

/** An escalation ticket: a conversation a person should take over. */
public record Handoff(String id, String workspaceId, String sessionId, String botId, String reason, String priority,
                      String status, Instant createdAt, Instant closedAt) {
}
