package io.parley.studio.kb;

import java.time.LocalDateTime;

/** One line of the retrieval test's log: what was asked, how, and what came back. */
public record PastQuery(String query, RetrievalTestViewModel.Method method, int topK, int results, double topScore,
                        long tookMs, LocalDateTime at) {
}
