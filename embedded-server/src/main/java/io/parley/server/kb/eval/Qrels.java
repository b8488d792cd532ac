package io.parley.server.kb.eval;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Graded relevance judgements: query id → document id → grade. A grade above 0 means relevant
 * (BEIR's convention; a 0 line is a judged non-relevant document); higher is more relevant.
 */
public final class Qrels {

    private final Map<String, Map<String, Integer>> grades;

    public Qrels(Map<String, Map<String, Integer>> grades) {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        grades.forEach((query, docs) -> copy.put(query, Map.copyOf(docs)));
        this.grades = copy;
    }

    /** The grades of one query's judged documents; empty when it has none. */
    public Map<String, Integer> of(String queryId) {
        return grades.getOrDefault(queryId, Map.of());
    }

    /** Whether the query has at least one relevant document: metrics are averaged over those only. */
    public boolean hasRelevant(String queryId) {
        return of(queryId).values().stream().anyMatch(grade -> grade > 0);
    }

    public int queryCount() {
        return grades.size();
    }

    /** Builds qrels line by line. */
    static final class Builder {
        private final Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();

        void add(String queryId, String documentId, int grade) {
            grades.computeIfAbsent(queryId, q -> new HashMap<>()).put(documentId, grade);
        }

        Qrels build() {
            return new Qrels(grades);
        }
    }
}
