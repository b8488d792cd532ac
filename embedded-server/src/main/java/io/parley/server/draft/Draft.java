package io.parley.server.draft;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A draft: its JSON document and bookkeeping. {@code version} grows with every save. */
public record Draft(String id, String workspaceId, DraftType type, ObjectNode data, long version, String createdBy,
                    Instant createdAt, Instant updatedAt, Instant expiresAt) {
}
