package io.parley.canvas.command;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;

/** Deletes an edge. */
public final class Disconnect implements Command {

    private final Edge edge;
    private int index = -1;

    public Disconnect(Edge edge) {
        this.edge = edge;
    }

    @Override
    public String label() {
        return "Delete connection";
    }

    @Override
    public void apply(Graph graph) {
        index = graph.indexOfEdge(edge.id());
        graph.removeEdge(edge.id());
    }

    @Override
    public void undo(Graph graph) {
        graph.addEdge(edge, index);
    }
}
