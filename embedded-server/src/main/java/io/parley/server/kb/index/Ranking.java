package io.parley.server.kb.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Turns candidates into the ranked, thresholded top k.
 *
 * <p><b>Hybrid fusion.</b> The default, CONVEX, is a convex combination of normalised scores
 * over the candidate pool, {@code w × bm25/maxBm25 + (1 − w) × (cos − minCos)/(maxCos − minCos)},
 * in [0, 1] (1 = best keyword and best vector match; the cosine range is taken as at least
 * {@link #MIN_COSINE_RANGE}). Bruch et al., "An Analysis of Fusion Functions for Hybrid
 * Retrieval" (ACM TOIS 2023) found such fusion better than reciprocal rank fusion in and out of
 * domain, and less sensitive to its parameter. Two things make it fit here: the index knows the
 * exact cosine of every candidate (keyword-only ones too, so nothing is imputed), and min-max on
 * cosine adapts to each embedding model's own range (models differ in where unrelated text sits).
 * RRF ({@code sum 1/(k + rank)}, divided by its maximum {@code 2/(k+1)}) stays available. Its
 * weakness shows in small knowledge bases, where the vector list holds every chunk: any keyword
 * hit then collects vector credit too and outranks a chunk only one retriever found, however
 * strongly (see HybridSearchTest).
 *
 * <p><b>Boosts</b> multiply the base score: importance clamped to [0.5, 2], times
 * {@code 1 + 0.5 × (share of query terms found in the chunk's tags)}. They reorder the candidate
 * pool (the top {@link IndexTuning#keywordCandidates()} and {@link IndexTuning#vectorCandidates()}
 * of each retriever); they never pull in a chunk neither retriever found.
 */
final class Ranking {

    static final float MIN_IMPORTANCE = 0.5f;
    static final float MAX_IMPORTANCE = 2.0f;
    static final float TAG_BOOST = 0.5f;
    /**
     * Min-max over a pool of near-identical cosines (a filter on one short document) would blow
     * differences of 0.01 up to the whole [0, 1]; the floor sits at least this far below the best.
     */
    static final float MIN_COSINE_RANGE = 0.25f;

    private record PoolStats(float bestBm25, float minCos, float maxCos) {
        static PoolStats of(Collection<Candidate> pool) {
            float best = 0;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (Candidate c : pool) {
                if (c.matchedKeywords()) {
                    best = Math.max(best, c.keywordScore);
                }
                if (c.hasCosine()) {
                    min = Math.min(min, c.cosine);
                    max = Math.max(max, c.cosine);
                }
            }
            return new PoolStats(best, min, max);
        }

        float keyword(Candidate c) {
            return c.matchedKeywords() && bestBm25 > 0 ? c.keywordScore / bestBm25 : 0;
        }

        float vector(Candidate c) {
            if (!c.hasCosine()) {
                return 0;
            }
            float floor = Math.min(minCos, maxCos - MIN_COSINE_RANGE);
            return (c.cosine - floor) / (maxCos - floor);
        }
    }

    private Ranking() {
    }

    static List<Candidate> rank(Collection<Candidate> pool, SearchQuery query, IndexTuning tuning) {
        PoolStats stats = PoolStats.of(pool);
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : pool) {
            if (passes(c, query, stats)) {
                c.score = boost(baseScore(c, query.method(), stats, tuning), boostOf(c));
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingDouble((Candidate c) -> c.score).reversed()
                .thenComparingInt(c -> c.doc)); // deterministic order for equal scores
        return kept.size() > query.topK() ? kept.subList(0, query.topK()) : kept;
    }

    static float boostOf(Candidate c) {
        float importance = Math.clamp(c.importance, MIN_IMPORTANCE, MAX_IMPORTANCE);
        return importance * (1 + TAG_BOOST * c.tagMatch);
    }

    private static float baseScore(Candidate c, SearchQuery.Method method, PoolStats stats, IndexTuning tuning) {
        return switch (method) {
            case KEYWORD -> c.keywordScore;
            case VECTOR -> c.cosine;
            case HYBRID -> switch (tuning.fusion()) {
                case CONVEX -> tuning.keywordWeight() * stats.keyword(c)
                        + (1 - tuning.keywordWeight()) * stats.vector(c);
                case RRF -> (rrf(c.keywordRank, tuning.rrfK()) + rrf(c.vectorRank, tuning.rrfK()))
                        / (2f / (tuning.rrfK() + 1));
            };
        };
    }

    private static boolean passes(Candidate c, SearchQuery query, PoolStats stats) {
        if (query.method() == SearchQuery.Method.VECTOR && !c.hasCosine()) {
            return false; // defensive: a vector hit always has a vector
        }
        if (query.threshold() == null) {
            return true;
        }
        float threshold = query.threshold();
        return switch (query.method()) {
            case KEYWORD -> c.keywordScore >= threshold * stats.bestBm25();
            case VECTOR, HYBRID -> c.hasCosine() && c.cosine >= threshold;
        };
    }

    private static float rrf(int rank, int k) {
        return rank == 0 ? 0 : 1f / (k + rank);
    }

    /** Multiplying a negative score by a boost above 1 would lower it; divide instead. */
    private static float boost(float score, float factor) {
        return score >= 0 ? score * factor : score / factor;
    }
}
