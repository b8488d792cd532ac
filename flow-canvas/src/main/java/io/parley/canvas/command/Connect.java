package io.parley.canvas.command;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;

/** Adds an edge (the graph refuses ports that do not fit). */
public record Connect(Edge edge) implements Command {

    @Override
    public String label() {
        return "Connect";
    }

    @Override
    public void apply(Graph graph) {
        graph.addEdge(edge);
    }

    @Override
    public void undo(Graph graph) {
        graph.removeEdge(edge.id());
    }
}
