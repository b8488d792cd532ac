package io.parley.server.kb.index;

import java.util.List;

/**
 * One ranked chunk.
 *
 * @param score        the ranking score, hits come sorted by it (descending). Its unit depends on
 *                     the method: BM25 (keyword), cosine (vector), or the fused score in [0, 1]
 *                     (hybrid, 1 = best keyword and best vector match of the query); in every
 *                     case multiplied by the importance and tag boosts, so it orders hits but is
 *                     not what {@link SearchQuery#threshold()} compares
 * @param keywordScore the raw BM25 score when the chunk matched the keyword query, else null
 * @param vectorScore  the exact cosine similarity to the query vector when the query had one
 *                     (vector and hybrid always), else null
 * @param snippet      the best-matching sentence(s) of the text, at most 300 characters
 */
public record SearchHit(String chunkId, String documentId, String documentName, int position, String text,
                        Integer page, List<String> headingPath, float score, Float keywordScore,
                        Float vectorScore, String snippet) {
}
