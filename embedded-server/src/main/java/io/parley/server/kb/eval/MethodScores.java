package io.parley.server.kb.eval;

import io.parley.server.kb.index.SearchQuery;

import java.time.Duration;

/**
 * The mean figures of one search method over the judged queries.
 *
 * @param shortRankings queries whose {@code depth} chunk hits held fewer than 100 distinct documents
 *                      (while the corpus has more), so Recall@100 saw fewer than 100; 0 when the depth suffices
 * @param searchTime    all searches of this method together (query embedding excluded)
 */
public record MethodScores(SearchQuery.Method method, double ndcgAt10, double recallAt100, int queries,
                           int shortRankings, Duration searchTime) {

    public double millisPerQuery() {
        return queries == 0 ? 0 : searchTime.toNanos() / 1e6 / queries;
    }
}
