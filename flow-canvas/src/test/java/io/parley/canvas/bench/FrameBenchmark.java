package io.parley.canvas.bench;

import io.parley.canvas.command.CommandStack;
import io.parley.canvas.command.MoveNodes;
import io.parley.canvas.layout.LayeredLayout;
import io.parley.canvas.model.Graph;
import io.parley.canvas.view.FlowCanvas;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * How long one frame of the canvas takes at 300 nodes (software rendering, in a real window):
 * a node dragged one step, and the view panned one step, each followed by a full render of the
 * canvas (a snapshot forces layout, CSS and painting). Not a test; {@code bin/bench-canvas} runs
 * it after the layout benchmark (under xvfb-run when there is no display).
 */
public final class FrameBenchmark {

    private FrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        for (int n : new int[] {100, 300}) {
            double[] results = onFx(() -> measure(n));
            System.out.printf(Locale.ROOT, "%8d nodes | drag frame p50 %6.2f ms, p95 %6.2f ms | pan frame p50 %6.2f ms, "
                    + "p95 %6.2f ms%n", n, results[0], results[1], results[2], results[3]);
        }
        Platform.exit();
    }

    private static double[] measure(int n) {
        Graph graph = io.parley.canvas.LayeredLayoutTest.random(n, 11);
        CommandStack stack = new CommandStack(graph);
        stack.execute(MoveNodes.to(graph, "Arrange", new LayeredLayout(240, 90).positions(graph)));
        FlowCanvas canvas = new FlowCanvas(stack);
        Stage stage = new Stage();
        stage.setScene(new Scene(canvas, 1280, 800));
        stage.show();
        canvas.fitToView();
        String moved = graph.nodes().iterator().next().id();
        WritableImage image = new WritableImage(1280, 800);
        for (int i = 0; i < 30; i++) { // warm-up
            canvas.snapshot(null, image);
        }
        long[] drag = new long[60];
        for (int i = 0; i < drag.length; i++) {
            long t0 = System.nanoTime();
            stack.execute(MoveNodes.by(graph, List.of(moved), i % 2 == 0 ? 20 : -20, 0));
            canvas.snapshot(null, image);
            drag[i] = System.nanoTime() - t0;
        }
        long[] pan = new long[60];
        for (int i = 0; i < pan.length; i++) {
            long t0 = System.nanoTime();
            canvas.zoomAt(canvas.zoomLevel(), 640 + (i % 2 == 0 ? 5 : -5), 400);
            canvas.snapshot(null, image);
            pan[i] = System.nanoTime() - t0;
        }
        stage.close();
        return new double[] {pct(drag, 0.5), pct(drag, 0.95), pct(pan, 0.5), pct(pan, 0.95)};
    }

    private static double pct(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}
