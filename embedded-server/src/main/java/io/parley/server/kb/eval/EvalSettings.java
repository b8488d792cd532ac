package io.parley.server.kb.eval;

import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.index.IndexTuning;
import io.parley.server.kb.index.SearchQuery;

import java.util.Objects;

/**
 * How an evaluation indexes and searches.
 *
 * @param chunking how documents are cut (in the embedding model's tokens)
 * @param tuning   the index's knobs, fusion included
 * @param depth    chunk hits asked of the index per query. More than {@link RetrievalEvaluator#RECALL_CUTOFF}:
 *                 hits are merged into documents, so 100 documents need more than 100 chunks. The index
 *                 draws at least this many candidates from each retriever, so it also widens the hybrid pool.
 */
public record EvalSettings(ChunkingSettings chunking, IndexTuning tuning, int depth) {

    public static final int DEFAULT_DEPTH = 300;

    public EvalSettings {
        Objects.requireNonNull(chunking, "chunking");
        Objects.requireNonNull(tuning, "tuning");
        if (depth < RetrievalEvaluator.RECALL_CUTOFF || depth > SearchQuery.MAX_TOP_K) {
            throw new IllegalArgumentException("the depth must be between " + RetrievalEvaluator.RECALL_CUTOFF
                    + " and " + SearchQuery.MAX_TOP_K + " chunk hits, was " + depth);
        }
    }

    /** The product's defaults: recursive 256/32 chunks, the index's default tuning. */
    public static EvalSettings defaults() {
        return new EvalSettings(ChunkingSettings.defaults(), IndexTuning.DEFAULT, DEFAULT_DEPTH);
    }

    public EvalSettings withTuning(IndexTuning tuning) {
        return new EvalSettings(chunking, tuning, depth);
    }

    public EvalSettings withDepth(int depth) {
        return new EvalSettings(chunking, tuning, depth);
    }
}
