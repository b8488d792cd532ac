package io.parley.server.kb.index;

import java.util.Objects;

/**
 * Knobs of the index, with defaults measured by {@code IndexBenchmark} (100k chunks, 384
 * dimensions): recall@10 against exact search, and latency.
 *
 * @param hnswMaxConn       HNSW graph degree (M); applies to segments written from now on
 * @param hnswBeamWidth     HNSW construction beam; likewise
 * @param vectorCandidates  neighbours the HNSW search collects (its beam) before the top k is
 *                          taken; the main recall/latency trade-off at query time
 * @param keywordCandidates BM25 hits taken into fusion and boosting
 * @param fusion            how hybrid search combines the two lists
 * @param keywordWeight     CONVEX fusion: the weight of the normalised BM25 score (the vector
 *                          score gets the rest)
 * @param rrfK              RRF fusion: the rank constant, 60 as in Cormack et al. (2009)
 */
public record IndexTuning(int hnswMaxConn, int hnswBeamWidth, int vectorCandidates, int keywordCandidates,
                          Fusion fusion, float keywordWeight, int rrfK) {

    /** See {@link Ranking} for why CONVEX is the default. */
    public enum Fusion { CONVEX, RRF }

    public static final IndexTuning DEFAULT = new IndexTuning(16, 100, 100, 100, Fusion.CONVEX, 0.5f, 60);

    public IndexTuning {
        if (hnswMaxConn < 2 || hnswMaxConn > 512 || hnswBeamWidth < 1 || hnswBeamWidth > 3200) {
            throw new IllegalArgumentException("HNSW needs 2 <= M <= 512 and 1 <= beamWidth <= 3200");
        }
        if (vectorCandidates < 1 || keywordCandidates < 1 || rrfK < 1) {
            throw new IllegalArgumentException("candidate counts and rrfK must be positive");
        }
        if (!(keywordWeight >= 0 && keywordWeight <= 1)) {
            throw new IllegalArgumentException("keywordWeight must be between 0 and 1");
        }
        Objects.requireNonNull(fusion, "fusion");
    }

    public IndexTuning withHnsw(int maxConn, int beamWidth) {
        return new IndexTuning(maxConn, beamWidth, vectorCandidates, keywordCandidates, fusion, keywordWeight, rrfK);
    }

    public IndexTuning withVectorCandidates(int n) {
        return new IndexTuning(hnswMaxConn, hnswBeamWidth, n, keywordCandidates, fusion, keywordWeight, rrfK);
    }

    public IndexTuning withFusion(Fusion f) {
        return new IndexTuning(hnswMaxConn, hnswBeamWidth, vectorCandidates, keywordCandidates, f, keywordWeight, rrfK);
    }
}
