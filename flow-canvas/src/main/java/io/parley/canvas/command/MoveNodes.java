package io.parley.canvas.command;

import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Moves nodes to new positions (a drag's end, an arrow-key nudge, align, automatic layout).
 * Moves of the same nodes one after another merge into one step, so ten nudges undo at once.
 */
public record MoveNodes(String label, Map<String, double[]> from, Map<String, double[]> to) implements Command {

    /** Moves to {@code targets} (id → {x, y}) from where the nodes are now. */
    public static MoveNodes to(Graph graph, String label, Map<String, double[]> targets) {
        Map<String, double[]> from = new LinkedHashMap<>();
        for (String id : targets.keySet()) {
            Node n = graph.node(id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "'"));
            from.put(id, new double[] {n.x(), n.y()});
        }
        return new MoveNodes(label, from, new LinkedHashMap<>(targets));
    }

    /** Moves every node of {@code ids} by (dx, dy). */
    public static MoveNodes by(Graph graph, Iterable<String> ids, double dx, double dy) {
        Map<String, double[]> targets = new LinkedHashMap<>();
        for (String id : ids) {
            Node n = graph.node(id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "'"));
            targets.put(id, new double[] {n.x() + dx, n.y() + dy});
        }
        return to(graph, targets.size() == 1 ? "Move node" : "Move " + targets.size() + " nodes", targets);
    }

    @Override
    public void apply(Graph graph) {
        place(graph, to);
    }

    @Override
    public void undo(Graph graph) {
        place(graph, from);
    }

    @Override
    public Optional<Command> mergeWith(Command next) {
        if (next instanceof MoveNodes move && move.from.keySet().equals(to.keySet()) && move.label.equals(label)) {
            return Optional.of(new MoveNodes(label, from, move.to));
        }
        return Optional.empty();
    }

    private static void place(Graph graph, Map<String, double[]> positions) {
        positions.forEach((id, p) -> graph.replaceNode(graph.node(id).orElseThrow().at(p[0], p[1])));
    }
}
