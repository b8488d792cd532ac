package io.parley.server.draft;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A draft as the API shows it. */
public record DraftView(String id, String type, String workspaceId, String status, ObjectNode data,
                        Instant createdAt, Instant updatedAt, Instant expiresAt) {

    public static DraftView of(Draft d) {
        return new DraftView(d.id(), d.type().value(), d.workspaceId(), "draft", d.data(), d.createdAt(),
                d.updatedAt(), d.expiresAt());
    }
}
