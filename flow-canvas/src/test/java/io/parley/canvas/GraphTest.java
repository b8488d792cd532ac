package io.parley.canvas;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.GraphEvent;
import io.parley.canvas.model.Node;
import io.parley.canvas.model.Port;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.parley.canvas.Fixtures.edge;
import static io.parley.canvas.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphTest {

    @Test
    void tellsListenersWhatChanged() {
        Graph g = new Graph();
        List<GraphEvent> seen = new ArrayList<>();
        g.listen(seen::add);
        g.addNode(node("a", 0, 0));
        g.addNode(node("b", 10, 0));
        g.addEdge(edge("e1", "a", "b"));
        g.replaceNode(g.node("a").orElseThrow().at(5, 5));
        g.select(List.of("a", "ghost"));
        assertThat(seen).hasSize(5);
        assertThat(seen.get(3)).isInstanceOfSatisfying(GraphEvent.NodeChanged.class,
                c -> assertThat(c.after().x()).isEqualTo(5));
        assertThat(g.selection()).containsExactly("a");
        g.replaceNode(g.node("a").orElseThrow()); // no change, no event
        assertThat(seen).hasSize(5);
    }

    @Test
    void checksConnectionsByPortAndType() {
        Graph g = new Graph();
        g.addNode(node("a", 0, 0));
        g.addNode(new Node("text", "sink", "Text only", 0, 0, List.of(Port.in("in", "text")), List.of(), Map.of()));
        g.addNode(new Node("any", "sink", "Anything", 0, 0, List.of(Port.in("in", Port.ANY)), List.of(), Map.of()));
        assertThat(g.connectionProblem("a", "default", "text", "in")).hasValueSatisfying(p -> assertThat(p)
                .contains("'flow' does not fit an input of type 'text'"));
        assertThat(g.connectionProblem("a", "default", "any", "in")).isEmpty();
        assertThat(g.connectionProblem("a", "nope", "any", "in")).hasValueSatisfying(p -> assertThat(p).contains("no output"));
        assertThat(g.connectionProblem("a", "default", "ghost", "in")).isPresent();
        g.addEdge(new Edge("e1", "a", "default", "any", "in"));
        assertThat(g.connectionProblem("a", "default", "any", "in")).hasValue("these ports are already connected");
        assertThatThrownBy(() -> g.addEdge(new Edge("e2", "a", "default", "text", "in")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToOrphanEdgesAndDuplicateIds() {
        Graph g = Fixtures.triangle();
        assertThatThrownBy(() -> g.removeNode("b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> g.addNode(node("a", 0, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(g.freshId("e")).isEqualTo("e4");
        assertThatThrownBy(() -> node("x", Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shiftClickTogglesSelection() {
        Graph g = Fixtures.triangle();
        g.toggleSelected("a");
        g.toggleSelected("c");
        assertThat(g.selection()).containsExactly("a", "c");
        g.toggleSelected("a");
        assertThat(g.selection()).containsExactly("c");
    }
}
