package io.parley.server.kb.index;

import java.util.Objects;
import java.util.Set;

/**
 * A search on one knowledge base index.
 *
 * <p>{@code threshold} (null = none) is applied before boosts, to a score whose unit does not
 * depend on the query, so a fixed value means the same thing for every question:
 * <ul>
 *   <li>VECTOR and HYBRID: the chunk's cosine similarity to {@code vector} (in [-1, 1]). Hybrid
 *       computes it exactly for keyword-only hits too, so they are judged on the same scale.</li>
 *   <li>KEYWORD: BM25 has no absolute scale, so the threshold is relative: a hit is kept when its
 *       BM25 score is at least {@code threshold} × the best BM25 score of the query (in (0, 1]).</li>
 * </ul>
 *
 * <pre>{@code
 * var q = SearchQuery.hybrid("how long do refunds take", embedder.embedQuery(text), 5)
 *         .withThreshold(0.5f);
 * }</pre>
 *
 * @param text        the user's words; required for KEYWORD and HYBRID, optional for VECTOR
 *                    (there it only feeds snippets and tag boosts)
 * @param vector      the query embedding; required for VECTOR and HYBRID
 * @param documentIds restricts the search to these documents; null searches all
 */
public record SearchQuery(String text, float[] vector, int topK, Method method, Float threshold,
                          Set<String> documentIds) {

    public enum Method { KEYWORD, VECTOR, HYBRID }

    public static final int MAX_TOP_K = 1000;

    public SearchQuery {
        Objects.requireNonNull(method, "method");
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("top_k must be between 1 and " + MAX_TOP_K + ", was " + topK);
        }
        if (method != Method.VECTOR && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("the query text is empty: " + method.name().toLowerCase()
                    + " search needs words to match");
        }
        if (method != Method.KEYWORD && vector == null) {
            throw new IllegalArgumentException(method.name().toLowerCase() + " search needs a query vector");
        }
        if (threshold != null && !Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number");
        }
        documentIds = documentIds == null ? null : Set.copyOf(documentIds);
    }

    public static SearchQuery keyword(String text, int topK) {
        return new SearchQuery(text, null, topK, Method.KEYWORD, null, null);
    }

    public static SearchQuery vector(String text, float[] vector, int topK) {
        return new SearchQuery(text, vector, topK, Method.VECTOR, null, null);
    }

    public static SearchQuery hybrid(String text, float[] vector, int topK) {
        return new SearchQuery(text, vector, topK, Method.HYBRID, null, null);
    }

    public SearchQuery withThreshold(Float threshold) {
        return new SearchQuery(text, vector, topK, method, threshold, documentIds);
    }

    public SearchQuery withDocuments(Set<String> documentIds) {
        return new SearchQuery(text, vector, topK, method, threshold, documentIds);
    }

    boolean usesKeywords() {
        return method != Method.VECTOR;
    }

    boolean usesVectors() {
        return method != Method.KEYWORD;
    }
}
