package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A finalized knowledge base: its settings (the documents and chunks live in their own tables). */
public record KnowledgeBase(String id, String workspaceId, String name, String description, String embeddingModel,
                            ObjectNode chunking, ObjectNode retrieval, String createdBy, Instant createdAt,
                            Instant updatedAt) {
}
