package io.parley.server.kb.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Figures worked out by hand: DCG = sum of grade / log2(rank + 1). */
class NdcgTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_5 = Math.log(5) / Math.log(2);

    @Test
    void theIdealOrderScoresOne() {
        Map<String, Integer> grades = Map.of("a", 3, "b", 2, "c", 1);

        assertThat(Ndcg.at(10, List.of("a", "b", "c", "x"), grades)).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void gradesAreLinearGainsWithALog2Discount() {
        // ranking b, x, a: DCG = 2/log2(2) + 0 + 3/log2(4) = 2 + 1.5 = 3.5
        // ideal a, b:      IDCG = 3/1 + 2/log2(3)
        double expected = 3.5 / (3 + 2 / LOG2_3);

        assertThat(Ndcg.at(10, List.of("b", "x", "a"), Map.of("a", 3, "b", 2))).isEqualTo(expected, within(1e-12));
    }

    @Test
    void onlyTheFirstKCount() {
        // the only relevant document is 5th: with k = 4 it is missed, with k = 5 it gains 1/log2(6)
        List<String> ranking = List.of("v", "w", "x", "y", "a");
        Map<String, Integer> grades = Map.of("a", 1);

        assertThat(Ndcg.at(4, ranking, grades)).isZero();
        assertThat(Ndcg.at(5, ranking, grades)).isEqualTo(1 / (Math.log(6) / Math.log(2)), within(1e-12));
    }

    @Test
    void theIdealRankingIsCutAtKToo() {
        // five relevant documents, k = 2: IDCG = 2 + 2/log2(3), whatever the other three
        Map<String, Integer> grades = Map.of("a", 2, "b", 2, "c", 1, "d", 1, "e", 1);
        double expected = (2 + 1 / LOG2_3) / (2 + 2 / LOG2_3); // ranking a, c

        assertThat(Ndcg.at(2, List.of("a", "c", "b"), grades)).isEqualTo(expected, within(1e-12));
    }

    @Test
    void zeroAndNegativeGradesGainNothing() {
        // judged non-relevant "n" (0) and "m" (-1) at the top; "a" (1) third: 1/log2(4) = 0.5 of an ideal 1
        Map<String, Integer> grades = Map.of("n", 0, "m", -1, "a", 1);

        assertThat(Ndcg.at(10, List.of("n", "m", "a"), grades)).isEqualTo(0.5, within(1e-12));
    }

    @Test
    void aRepeatedIdCountsOnceAndTakesNoRank() {
        // a, a, b reads as a, b: (1 + 1/log2 3) / (1 + 1/log2 3) = 1
        Map<String, Integer> grades = Map.of("a", 1, "b", 1);

        assertThat(Ndcg.at(10, List.of("a", "a", "b"), grades)).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void aQueryWithoutRelevantDocumentsScoresZero() {
        assertThat(Ndcg.at(10, List.of("a"), Map.of())).isZero();
        assertThat(Ndcg.at(10, List.of("a"), Map.of("a", 0))).isZero();
    }

    @Test
    void aWorkedExampleWithFourGrades() {
        // ranking c(1), x, b(2), a(3): DCG = 1 + 0 + 2/2 + 3/log2(5); ideal a, b, c: 3 + 2/log2(3) + 1/2
        double dcg = 1 + 2.0 / 2 + 3 / LOG2_5;
        double ideal = 3 + 2 / LOG2_3 + 0.5;

        assertThat(Ndcg.at(10, List.of("c", "x", "b", "a"), Map.of("a", 3, "b", 2, "c", 1)))
                .isEqualTo(dcg / ideal, within(1e-12))
                .isEqualTo(0.6913, within(1e-4));
    }

    @Test
    void kMustBePositive() {
        assertThatThrownBy(() -> Ndcg.at(0, List.of(), Map.of("a", 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
