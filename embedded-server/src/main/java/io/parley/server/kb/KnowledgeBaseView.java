package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/** A knowledge base as the API shows it, with where its ingestion stands. */
public record KnowledgeBaseView(String id, String workspaceId, String name, String description, String embeddingModel,
                                ObjectNode chunkingConfig, ObjectNode retrievalConfig, String status,
                                Map<String, Integer> documents, long chunkCount, long indexedChunks, Instant createdAt,
                                Instant updatedAt) {

    static KnowledgeBaseView of(KnowledgeBase kb, Map<KbDocument.Status, Integer> counts, long chunks, long indexed) {
        int pending = counts.getOrDefault(KbDocument.Status.PENDING, 0);
        int processing = counts.getOrDefault(KbDocument.Status.PROCESSING, 0);
        int ready = counts.getOrDefault(KbDocument.Status.READY, 0);
        int error = counts.getOrDefault(KbDocument.Status.ERROR, 0);
        String status = pending + processing > 0 ? "indexing"
                : error > 0 && ready == 0 ? "error"
                : error > 0 ? "ready_with_errors"
                : ready == 0 ? "empty" : "ready";
        return new KnowledgeBaseView(kb.id(), kb.workspaceId(), kb.name(), kb.description(), kb.embeddingModel(),
                kb.chunking(), kb.retrieval(), status,
                Map.of("total", pending + processing + ready + error, "pending", pending, "processing", processing,
                        "ready", ready, "error", error),
                chunks, indexed, kb.createdAt(), kb.updatedAt());
    }
}
