package io.parley.server.kb.index;

import java.util.List;
import java.util.Objects;

/**
 * One chunk as the search index holds it. The database is the source of truth; this is a copy
 * the index can always be rebuilt from.
 *
 * <p>{@code vector} is the chunk's embedding, expected L2-normalised (the {@code Embedder}
 * contract); the index re-normalises a vector that is not, so dot product stays cosine. The
 * array is not copied: do not change it after handing it over.
 *
 * <p>{@code importance} and {@code tags} come from the document's annotations, copied onto each
 * of its chunks. Importance multiplies the chunk's ranking score, clamped to [0.5, 2] (1 is
 * neutral); tags are searchable with a low weight and raise the rank of chunks whose tags match
 * query words.
 *
 * <pre>{@code
 * var chunk = new IndexedChunk("c-1", "d-1", "Handbook.pdf", 0, "Refunds take five days.",
 *         vector, 3, List.of("Billing", "Refunds"), 1.5f, List.of("billing"));
 * }</pre>
 */
public record IndexedChunk(String chunkId, String documentId, String documentName, int position,
                           String text, float[] vector, Integer page, List<String> headingPath,
                           float importance, List<String> tags) {

    public IndexedChunk {
        requireId(chunkId, "chunkId");
        requireId(documentId, "documentId");
        documentName = documentName == null ? "" : documentName;
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (!Float.isFinite(importance) || importance <= 0) {
            throw new IllegalArgumentException("importance must be a positive number, was " + importance);
        }
    }

    /** A chunk without page, headings or annotations (importance 1, no tags). */
    public static IndexedChunk of(String chunkId, String documentId, String documentName, int position,
                                  String text, float[] vector) {
        return new IndexedChunk(chunkId, documentId, documentName, position, text, vector, null, List.of(),
                1f, List.of());
    }

    private static void requireId(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
