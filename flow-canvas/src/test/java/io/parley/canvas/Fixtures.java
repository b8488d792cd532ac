package io.parley.canvas;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import io.parley.canvas.model.Port;

import java.util.List;
import java.util.Map;

/** Small graphs for the tests: nodes with one "flow" input and named outputs. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Node node(String id, double x, double y, String... outputs) {
        List<Port> outs = outputs.length == 0 ? List.of(Port.out("default", "flow", ""))
                : java.util.Arrays.stream(outputs).map(o -> Port.out(o, "flow", o)).toList();
        return new Node(id, "step", id, x, y, List.of(Port.in("in", "flow")), outs, Map.of());
    }

    public static Edge edge(String id, String from, String to) {
        return new Edge(id, from, "default", to, "in");
    }

    /** a → b → c, and a → c. */
    public static Graph triangle() {
        Graph g = new Graph();
        g.addNode(node("a", 0, 0));
        g.addNode(node("b", 100, 0));
        g.addNode(node("c", 200, 0));
        g.addEdge(edge("e1", "a", "b"));
        g.addEdge(edge("e2", "b", "c"));
        g.addEdge(edge("e3", "a", "c"));
        return g;
    }
}
