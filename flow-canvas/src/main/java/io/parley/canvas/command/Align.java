package io.parley.canvas.command;

import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lines up selected nodes: their left edges, their tops, or evenly spaced in a row or a column. */
public final class Align {

    public enum How { LEFT, TOP, DISTRIBUTE_HORIZONTALLY, DISTRIBUTE_VERTICALLY }

    private Align() {
    }

    /** The move that aligns {@code ids}, or null when fewer than two nodes are chosen. */
    public static MoveNodes of(Graph graph, Set<String> ids, How how) {
        List<Node> chosen = graph.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        if (chosen.size() < 2) {
            return null;
        }
        Map<String, double[]> targets = new LinkedHashMap<>();
        switch (how) {
            case LEFT -> {
                double x = chosen.stream().mapToDouble(Node::x).min().orElseThrow();
                chosen.forEach(n -> targets.put(n.id(), new double[] {x, n.y()}));
            }
            case TOP -> {
                double y = chosen.stream().mapToDouble(Node::y).min().orElseThrow();
                chosen.forEach(n -> targets.put(n.id(), new double[] {n.x(), y}));
            }
            case DISTRIBUTE_HORIZONTALLY -> {
                List<Node> sorted = chosen.stream().sorted((a, b) -> Double.compare(a.x(), b.x())).toList();
                double first = sorted.get(0).x();
                double step = (sorted.get(sorted.size() - 1).x() - first) / (sorted.size() - 1);
                for (int i = 0; i < sorted.size(); i++) {
                    targets.put(sorted.get(i).id(), new double[] {first + i * step, sorted.get(i).y()});
                }
            }
            case DISTRIBUTE_VERTICALLY -> {
                List<Node> sorted = chosen.stream().sorted((a, b) -> Double.compare(a.y(), b.y())).toList();
                double first = sorted.get(0).y();
                double step = (sorted.get(sorted.size() - 1).y() - first) / (sorted.size() - 1);
                for (int i = 0; i < sorted.size(); i++) {
                    targets.put(sorted.get(i).id(), new double[] {sorted.get(i).x(), first + i * step});
                }
            }
        }
        return MoveNodes.to(graph, "Align " + chosen.size() + " nodes", targets);
    }
}
