package io.parley.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A message of a session, as stored: the answer's sources, tokens, timing, model and any error. */
public record StoredMessage(String id, String sessionId, int seq, String role, String content, String contentType,
                            JsonNode sources, ObjectNode responseMetadata, String model, Integer promptTokens,
                            Integer completionTokens, Integer totalTokens, Long latencyMs, String error,
                            String errorCode, ObjectNode feedback, Instant feedbackAt, Instant createdAt) {
}
