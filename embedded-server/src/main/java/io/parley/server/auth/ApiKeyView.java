package io.parley.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An API key as listed: its public prefix, never its secret. {@code key} holds the full secret
 * only in the answer to its creation — the one time it is shown.
 */
public record ApiKeyView(String id, String name, String workspaceId, String role, String prefix,
                         Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    ApiKeyView withSecret(String fullKey) {
        return new ApiKeyView(id, name, workspaceId, role, prefix, createdAt, lastUsedAt, revokedAt, fullKey);
    }

    @Override
    public String toString() {
        return "ApiKeyView[id=" + id + ", prefix=" + prefix + "]";
    }
}
