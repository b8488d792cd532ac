package io.parley.server.kb;

import java.util.List;

/**
 * A chunk as the database keeps it: the source of truth the search index is built from.
 * {@code contextText} is what an answer receives (the parent passage for parent-child chunking).
 */
public record StoredChunk(String id, String kbId, String documentId, int position, String text, String contextText,
                          Integer page, List<String> headingPath, int startOffset, int endOffset, int tokenCount,
                          float[] embedding, String embeddingModel) {
}
