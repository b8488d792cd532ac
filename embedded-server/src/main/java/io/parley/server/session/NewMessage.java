package io.parley.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.inference.TokenUsage;

/** A message to append; everything but {@code role} and {@code content} may be null. */
public record NewMessage(String role, String content, JsonNode sources, ObjectNode responseMetadata, String model,
                         TokenUsage usage, Long latencyMs, String error, String errorCode) {

    public static NewMessage user(String content) {
        return new NewMessage("user", content, null, null, null, null, null, null, null);
    }
}
