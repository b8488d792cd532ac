package io.parley.server.credential;

import java.time.Instant;

/** A credential as shown: its name, type and usage, never its value. */
public record CredentialView(String id, String workspaceId, String name, String type, Instant createdAt,
                             Instant updatedAt, Instant lastUsedAt, long usageCount) {
}
