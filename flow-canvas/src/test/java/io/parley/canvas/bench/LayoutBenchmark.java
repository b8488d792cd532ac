package io.parley.canvas.bench;

import io.parley.canvas.layout.LayeredLayout;
import io.parley.canvas.model.Graph;

import java.util.Locale;

/**
 * How long the automatic layout takes on flow-like graphs of 30, 100 and 300 nodes (best of
 * several runs after a warm-up). Not a test; run with {@code bin/bench-canvas}. The frame-time
 * half of the canvas benchmark comes with the canvas itself.
 */
public final class LayoutBenchmark {

    private LayoutBenchmark() {
    }

    public static void main(String[] args) {
        LayeredLayout layout = new LayeredLayout(260, 120);
        System.out.printf(Locale.ROOT, "%8s | %8s | %12s%n", "nodes", "edges", "layout ms");
        for (int n : new int[] {30, 100, 300}) {
            Graph g = io.parley.canvas.LayeredLayoutTest.random(n, 7);
            for (int i = 0; i < 50; i++) {
                layout.positions(g);
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                layout.positions(g);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf(Locale.ROOT, "%8d | %8d | %12.2f%n", n, g.edges().size(), best / 1e6);
        }
    }
}
