package io.parley.server.kb.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Normalised discounted cumulative gain at k, as trec_eval's {@code ndcg_cut} (which BEIR uses)
 * computes it: the gain of a document is its grade (linear, not {@code 2^grade - 1}), the
 * discount of rank r (1-based) is {@code log2(r + 1)}, and the ideal ranking is the judged
 * documents sorted by grade. Unjudged and non-positive documents gain nothing.
 *
 * <pre>{@code
 * Ndcg.at(10, List.of("d3", "d1"), Map.of("d1", 2, "d2", 1))   // (0 + 2/log2 3) / (2 + 1/log2 3)
 * }</pre>
 */
public final class Ndcg {

    private Ndcg() {
    }

    /** In [0, 1]; 0 when the query has no relevant document. A repeated id counts once, where it first appears. */
    public static double at(int k, List<String> ranking, Map<String, Integer> grades) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, was " + k);
        }
        double ideal = idealDcg(k, grades);
        if (ideal == 0) {
            return 0;
        }
        double dcg = 0;
        Set<String> seen = new HashSet<>();
        int rank = 0;
        for (String id : ranking) {
            if (rank == k) {
                break;
            }
            if (seen.add(id)) {
                rank++;
                dcg += gain(grades.get(id)) / log2(rank + 1);
            }
        }
        return dcg / ideal;
    }

    private static double idealDcg(int k, Map<String, Integer> grades) {
        List<Integer> best = grades.values().stream().filter(g -> g > 0)
                .sorted((a, b) -> Integer.compare(b, a)).limit(k).toList();
        double dcg = 0;
        for (int i = 0; i < best.size(); i++) {
            dcg += best.get(i) / log2(i + 2);
        }
        return dcg;
    }

    private static double gain(Integer grade) {
        return grade == null || grade <= 0 ? 0 : grade;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
