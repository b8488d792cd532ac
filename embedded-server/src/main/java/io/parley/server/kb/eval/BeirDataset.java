package io.parley.server.kb.eval;

import java.util.List;

/**
 * A retrieval test collection in BEIR layout: a corpus, queries and graded judgements.
 *
 * @param name the folder name, for reports
 */
public record BeirDataset(String name, List<BeirDocument> documents, List<BeirQuery> queries, Qrels qrels) {

    public BeirDataset {
        documents = List.copyOf(documents);
        queries = List.copyOf(queries);
    }

    /** The queries that have at least one relevant document, the ones the metrics average over. */
    public List<BeirQuery> judgedQueries() {
        return queries.stream().filter(q -> qrels.hasRelevant(q.id())).toList();
    }

    /** The same collection with only its first {@code limit} judged queries (for a quick run). */
    public BeirDataset withQueryLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the query limit must be positive, was " + limit);
        }
        List<BeirQuery> judged = judgedQueries();
        return new BeirDataset(name, documents, judged.subList(0, Math.min(limit, judged.size())), qrels);
    }
}
