package io.parley.server.kb.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups texts of similar token length into batches, so a batch pads little: one 500-token text
 * among 31 short ones would otherwise make the model read 32 × 500 positions.
 */
final class LengthBatches {

    private LengthBatches() {
    }

    /**
     * Batches of input positions, longest texts first. A batch holds at most {@code maxTexts}
     * texts and at most {@code maxCells} padded positions (texts × longest length), which bounds
     * the attention buffers; a single text always fits.
     */
    static List<int[]> plan(int[] lengths, int maxTexts, int maxCells) {
        if (maxTexts < 1 || maxCells < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        // Stable, so equal lengths keep input order (and results do not depend on sort quirks).
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int longest = lengths[order[start]]; // sorted descending: the first is the longest
            int size = Math.max(1, Math.min(maxTexts, maxCells / Math.max(1, longest)));
            int end = Math.min(order.length, start + size);
            int[] batch = new int[end - start];
            for (int k = start; k < end; k++) {
                batch[k - start] = order[k];
            }
            batches.add(batch);
            start = end;
        }
        return batches;
    }
}
