package io.parley.canvas.command;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copy, paste and duplicate. A copy holds the chosen nodes and the edges between them; a paste
 * adds them with fresh ids, offset so they do not hide the originals, selects them, and is one
 * undo step.
 */
public final class Clipboard {

    /** What was copied. */
    public record Fragment(List<Node> nodes, List<Edge> edges) {
        public boolean isEmpty() {
            return nodes.isEmpty();
        }
    }

    private Clipboard() {
    }

    public static Fragment copy(Graph graph, Set<String> ids) {
        List<Node> nodes = graph.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = graph.edges().stream()
                .filter(e -> ids.contains(e.fromNode()) && ids.contains(e.toNode())).toList();
        return new Fragment(nodes, edges);
    }

    /** The command that pastes {@code fragment} moved by (dx, dy); run it through the stack. */
    public static Command paste(Graph graph, Fragment fragment, double dx, double dy) {
        Map<String, String> ids = new HashMap<>();
        List<Command> steps = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        for (Node n : fragment.nodes()) {
            String id = fresh(graph, n.kind() + "_", taken);
            ids.put(n.id(), id);
            steps.add(new AddNode(n.withId(id).at(n.x() + dx, n.y() + dy)));
        }
        for (Edge e : fragment.edges()) {
            String id = fresh(graph, "e", taken);
            steps.add(new Connect(new Edge(id, ids.get(e.fromNode()), e.fromPort(), ids.get(e.toNode()), e.toPort())));
        }
        List<String> pasted = List.copyOf(ids.values());
        steps.add(new Command() {
            private Set<String> before;

            @Override
            public String label() {
                return "Select";
            }

            @Override
            public void apply(Graph g) {
                before = Set.copyOf(g.selection());
                g.select(pasted);
            }

            @Override
            public void undo(Graph g) {
                g.select(before);
            }
        });
        return new Compound(fragment.nodes().size() == 1 ? "Paste node" : "Paste " + fragment.nodes().size() + " nodes",
                steps);
    }

    private static String fresh(Graph graph, String prefix, Set<String> taken) {
        String id = graph.freshId(prefix);
        int n = 1;
        while (taken.contains(id)) {
            id = graph.freshId(prefix + (n++) + "_");
        }
        taken.add(id);
        return id;
    }
}
