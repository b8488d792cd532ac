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
        Platform.setImplicitExit(false); // each measurement closes its window; the next one needs the toolkit
        System.out.println("Frame times in ms (p50 / p95) of a 1280x800 canvas, software rendering, every frame drawn whole.\n"
                + "'whole flow' = fitted to the window (the fit column); '100%' = zoom 1. Smooth = under 16.7 ms.");
        System.out.printf(Locale.ROOT, "%-26s | %-5s | %-17s | %-17s | %-17s | %-17s%n", "", "fit", "drag, whole flow",
                "pan, whole flow", "zoom, whole flow", "pan, 100%");
        for (boolean cards : new boolean[] {false, true}) {
            for (int n : new int[] {0, 100, 300}) {
                double[] r = onFx(() -> measure(n, cards));
                System.out.printf(Locale.ROOT, "%4d nodes %-15s | %4.0f%% | %7.2f / %7.2f | %7.2f / %7.2f | %7.2f / %7.2f | %7.2f / %7.2f%n",
                        n, cards ? "(studio cards)" : "(plain)", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
            }
        }
        Platform.exit();
    }

    /** Cards as an application draws them: an icon, a kind line and a two-line summary. */
    private static final io.parley.canvas.view.NodeLook CARDS = new io.parley.canvas.view.NodeLook() {
        @Override
        public String summary(io.parley.canvas.model.Node node) {
            return "Asks “What is your order number?” and keeps the answer in order_number";
        }

        @Override
        public String icon(io.parley.canvas.model.Node node) {
            return "M4 5H20V16H10L6 20V16H4Z M10 9.2A2 2 0 1 1 12 11V12.3 M12 14.2V14.4";
        }

        @Override
        public boolean showsSummary() {
            return true;
        }
    };

    private static double[] measure(int n, boolean cards) {
        Graph graph = io.parley.canvas.LayeredLayoutTest.random(n, 11);
        CommandStack stack = new CommandStack(graph);
        stack.execute(MoveNodes.to(graph, "Arrange", new LayeredLayout(240, 90).positions(graph)));
        FlowCanvas canvas = cards ? new FlowCanvas(stack, CARDS) : new FlowCanvas(stack);
        Stage stage = new Stage();
        stage.setScene(new Scene(canvas, 1280, 800));
        stage.show();
        canvas.fitToView();
        double fitted = canvas.zoomLevel();
        List<String> moved = graph.nodes().isEmpty() ? List.of() : List.of(graph.nodes().iterator().next().id());
        WritableImage image = new WritableImage(1280, 800);
        for (int i = 0; i < 30; i++) { // warm-up
            canvas.snapshot(null, image);
        }
        long[] drag = new long[60];
        for (int i = 0; i < drag.length; i++) {
            long t0 = System.nanoTime();
            stack.execute(MoveNodes.by(graph, moved, i % 2 == 0 ? 20 : -20, 0));
            canvas.snapshot(null, image);
            drag[i] = System.nanoTime() - t0;
        }
        long[] pan = new long[60];
        for (int i = 0; i < pan.length; i++) {
            long t0 = System.nanoTime();
            panBy(canvas, i % 2 == 0 ? 5 : -5);
            canvas.snapshot(null, image);
            pan[i] = System.nanoTime() - t0;
        }
        long[] wheel = new long[60];
        for (int i = 0; i < wheel.length; i++) {
            long t0 = System.nanoTime();
            canvas.zoomAt(i % 2 == 0 ? fitted * 1.1 : fitted, 640, 400);
            canvas.snapshot(null, image);
            wheel[i] = System.nanoTime() - t0;
        }
        canvas.zoomAt(1, 640, 400);
        long[] near = new long[60];
        for (int i = 0; i < near.length; i++) {
            long t0 = System.nanoTime();
            panBy(canvas, i % 2 == 0 ? 5 : -5);
            canvas.snapshot(null, image);
            near[i] = System.nanoTime() - t0;
        }
        stage.close();
        return new double[] {fitted * 100, pct(drag, 0.5), pct(drag, 0.95), pct(pan, 0.5), pct(pan, 0.95), pct(wheel, 0.5),
                pct(wheel, 0.95), pct(near, 0.5),
                pct(near, 0.95)};
    }

    /** Moves the view {@code dx} pixels sideways, as a drag on empty space does. */
    private static void panBy(FlowCanvas canvas, double dx) {
        javafx.geometry.Rectangle2D seen = canvas.visibleArea();
        canvas.centreOn(seen.getMinX() + seen.getWidth() / 2 + dx / canvas.zoomLevel(),
                seen.getMinY() + seen.getHeight() / 2);
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
