package io.parley.canvas.command;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;

/** Moves an edge's end to another port (dragging the end of a connection), as one step. */
public record Reconnect(Edge before, Edge after) implements Command {

    @Override
    public String label() {
        return "Reconnect";
    }

    @Override
    public void apply(Graph graph) {
        int index = graph.indexOfEdge(before.id());
        graph.removeEdge(before.id());
        try {
            graph.addEdge(after, index);
        } catch (IllegalArgumentException refused) {
            graph.addEdge(before, index); // the graph stays as it was
            throw refused;
        }
    }

    @Override
    public void undo(Graph graph) {
        int index = graph.indexOfEdge(after.id());
        graph.removeEdge(after.id());
        graph.addEdge(before, index);
    }
}
