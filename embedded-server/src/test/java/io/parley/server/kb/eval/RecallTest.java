package io.parley.server.kb.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RecallTest {

    @Test
    void theShareOfRelevantDocumentsFoundWhateverTheirGrade() {
        Map<String, Integer> grades = Map.of("a", 3, "b", 1, "c", 1, "d", 2);

        assertThat(Recall.at(100, List.of("x", "b", "y", "d"), grades)).isEqualTo(0.5, within(1e-12));
    }

    @Test
    void onlyTheFirstKDistinctIdsCount() {
        Map<String, Integer> grades = Map.of("a", 1, "b", 1, "c", 1);

        assertThat(Recall.at(2, List.of("a", "x", "b"), grades)).isEqualTo(1.0 / 3, within(1e-12));
        // a repeat takes no place: a, a, b is a, b
        assertThat(Recall.at(2, List.of("a", "a", "b"), grades)).isEqualTo(2.0 / 3, within(1e-12));
    }

    @Test
    void judgedNonRelevantDocumentsAreNotRelevant() {
        Map<String, Integer> grades = Map.of("a", 1, "n", 0);

        assertThat(Recall.at(10, List.of("n"), grades)).isZero();
        assertThat(Recall.at(10, List.of("n", "a"), grades)).isEqualTo(1.0);
    }

    @Test
    void aQueryWithoutRelevantDocumentsScoresZero() {
        assertThat(Recall.at(10, List.of("a"), Map.of("a", 0))).isZero();
    }

    @Test
    void kMustBePositive() {
        assertThatThrownBy(() -> Recall.at(0, List.of(), Map.of("a", 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
