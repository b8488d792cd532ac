package io.parley.server.kb.eval;

import io.parley.server.kb.index.SearchQuery;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one evaluation.
 *
 * @param queries        judged queries the figures average over
 * @param queryEmbedding embedding every query once (shared by vector and hybrid)
 */
public record EvalReport(String dataset, String model, EvalSettings settings, int corpusSize, IndexedCorpus corpus,
                         int queries, Duration queryEmbedding, List<MethodScores> methods) {

    public EvalReport {
        methods = List.copyOf(methods);
    }

    public MethodScores scores(SearchQuery.Method method) {
        return methods.stream().filter(m -> m.method() == method).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(method + " was not evaluated"));
    }
}
