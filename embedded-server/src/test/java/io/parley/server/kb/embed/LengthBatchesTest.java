package io.parley.server.kb.embed;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LengthBatchesTest {

    @Test
    void groupsLongestFirstAndCoversEveryPositionOnce() {
        int[] lengths = {5, 300, 12, 300, 7, 40};
        List<int[]> batches = LengthBatches.plan(lengths, 2, 100_000);

        assertThat(batches).extracting(Arrays::toString).containsExactly("[1, 3]", "[5, 2]", "[4, 0]");
    }

    @Test
    void equalLengthsKeepInputOrder() {
        List<int[]> batches = LengthBatches.plan(new int[]{9, 9, 9, 9}, 32, 10_000);

        assertThat(batches).singleElement().satisfies(b -> assertThat(b).containsExactly(0, 1, 2, 3));
    }

    @Test
    void tokenBudgetShrinksBatchesOfLongTexts() {
        int[] lengths = new int[40];
        Arrays.fill(lengths, 0, 20, 512);
        Arrays.fill(lengths, 20, 40, 20);

        List<int[]> batches = LengthBatches.plan(lengths, 32, 4096);

        // 4096 / 512 = 8 texts while a long one leads a batch; then up to 32 short ones.
        assertThat(batches).extracting(b -> b.length).containsExactly(8, 8, 8, 16);
    }

    @Test
    void aTextLongerThanTheBudgetStillGetsABatch() {
        assertThat(LengthBatches.plan(new int[]{600, 3}, 32, 100)).extracting(b -> b.length).containsExactly(1, 1);
    }

    @Test
    void noTextsNoBatches() {
        assertThat(LengthBatches.plan(new int[0], 32, 8192)).isEmpty();
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> LengthBatches.plan(new int[]{1}, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
