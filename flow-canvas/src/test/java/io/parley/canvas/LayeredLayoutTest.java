package io.parley.canvas;

import io.parley.canvas.layout.LayeredLayout;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.parley.canvas.Fixtures.edge;
import static io.parley.canvas.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

public class LayeredLayoutTest {

    private final LayeredLayout layout = new LayeredLayout(200, 100);

    @Test
    void everyEdgeGoesRightExceptThoseClosingACycle() {
        Graph g = Fixtures.triangle();
        g.addNode(node("d", 0, 0));
        g.addEdge(edge("e4", "c", "d"));
        g.addEdge(edge("back", "d", "b")); // a loop back, as a question retried
        Map<String, double[]> p = layout.positions(g);
        assertThat(p.get("a")[0]).isEqualTo(0);
        assertThat(p.get("b")[0]).isEqualTo(200);
        assertThat(p.get("c")[0]).as("after its furthest predecessor").isEqualTo(400);
        assertThat(p.get("d")[0]).isEqualTo(600);
    }

    @Test
    void noTwoNodesShareAPlaceAndTheResultIsTheSameEveryTime() {
        Graph g = random(300, 42);
        Map<String, double[]> first = layout.positions(g);
        Set<String> places = new HashSet<>();
        first.values().forEach(p -> places.add(p[0] + "," + p[1]));
        assertThat(places).hasSize(300);
        Map<String, double[]> again = layout.positions(g);
        first.forEach((id, p) -> assertThat(again.get(id)).containsExactly(p));
        int backwards = 0;
        for (Edge e : g.edges()) {
            if (first.get(e.fromNode())[0] >= first.get(e.toNode())[0]) {
                backwards++;
            }
        }
        assertThat(backwards).as("edges pointing left (only cycle-closing ones)").isLessThan(g.edges().size() / 10);
    }

    @Test
    void orderingUntanglesASimpleCrossing() {
        Graph g = new Graph();
        for (String id : new String[] {"a", "b", "x", "y"}) {
            g.addNode(node(id, 0, 0));
        }
        g.addEdge(edge("e1", "a", "y"));
        g.addEdge(edge("e2", "b", "x"));
        Map<String, double[]> p = layout.positions(g);
        boolean aAboveB = p.get("a")[1] < p.get("b")[1];
        boolean yAboveX = p.get("y")[1] < p.get("x")[1];
        assertThat(aAboveB).as("a's target is above b's target exactly when a is above b").isEqualTo(yAboveX);
    }

    /** A flow-like random graph: mostly forward edges, a few loops back. */
    public static Graph random(int n, long seed) {
        Random r = new Random(seed);
        Graph g = new Graph();
        for (int i = 0; i < n; i++) {
            g.addNode(node("n" + i, 0, 0));
        }
        int e = 0;
        for (int i = 1; i < n; i++) {
            int from = r.nextInt(i);
            g.addEdge(edge("e" + (e++), "n" + from, "n" + i));
            if (r.nextInt(10) == 0) {
                String a = "n" + i;
                String b = "n" + r.nextInt(i);
                if (g.connectionProblem(a, "default", b, "in").isEmpty()) {
                    g.addEdge(edge("e" + (e++), a, b));
                }
            }
        }
        return g;
    }
}
