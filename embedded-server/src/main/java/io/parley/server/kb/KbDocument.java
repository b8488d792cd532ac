package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One source document of a knowledge base and where its ingestion stands. {@code annotations}
 * carries the builder's notes the seed describes: importance (0.5–2) and tags/keywords.
 */
public record KbDocument(String id, String kbId, String workspaceId, SourceType sourceType, String name, String uri,
                         String mediaType, long sizeBytes, String contentHash, Status status, String errorCode,
                         String errorMessage, int chunkCount, ObjectNode annotations, Instant createdAt,
                         Instant updatedAt) {

    public enum SourceType { FILE, URL, TEXT }

    public enum Status { PENDING, PROCESSING, READY, ERROR }

    public KbDocument withStatus(Status newStatus) {
        return new KbDocument(id, kbId, workspaceId, sourceType, name, uri, mediaType, sizeBytes, contentHash,
                newStatus, errorCode, errorMessage, chunkCount, annotations, createdAt, updatedAt);
    }
}
