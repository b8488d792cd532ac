package io.parley.server.kb.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recall at k: the share of a query's relevant documents (grade above 0, whatever the grade)
 * found among the first k distinct ids of a ranking.
 *
 * <pre>{@code
 * Recall.at(100, List.of("d1", "d9"), Map.of("d1", 1, "d2", 3))   // 0.5
 * }</pre>
 */
public final class Recall {

    private Recall() {
    }

    /** In [0, 1]; 0 when the query has no relevant document. */
    public static double at(int k, List<String> ranking, Map<String, Integer> grades) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, was " + k);
        }
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        Set<String> seen = new HashSet<>();
        int found = 0;
        for (String id : ranking) {
            if (seen.size() == k) {
                break;
            }
            if (seen.add(id) && grades.getOrDefault(id, 0) > 0) {
                found++;
            }
        }
        return (double) found / relevant;
    }
}
