package io.parley.canvas.command;

import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

/** Puts a node on the canvas (from the palette, or a paste). */
public record AddNode(Node node) implements Command {

    @Override
    public String label() {
        return "Add " + (node.label().isEmpty() ? node.kind() : node.label());
    }

    @Override
    public void apply(Graph graph) {
        graph.addNode(node);
    }

    @Override
    public void undo(Graph graph) {
        graph.removeNode(node.id());
    }
}
