package io.parley.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One conversation with a chatbot or chatflow (or a draft's preview: channel {@code preview}).
 * {@code metadata} holds what the channel tells about the visitor ({@code user}, {@code variables}).
 */
public record ChatSession(String id, String workspaceId, String botType, String botId, String channel, String status,
                          ObjectNode metadata, int messageCount, long promptTokens, long completionTokens,
                          Instant createdAt, Instant updatedAt, Instant lastMessageAt, Instant closedAt,
                          Instant expiresAt) {
}
