package io.parley.canvas.command;

import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

/** Replaces a node's label or properties (an inspector's edit). Edits of the same node in a row merge. */
public record ChangeNode(Node before, Node after) implements Command {

    @Override
    public String label() {
        return "Edit " + (after.label().isEmpty() ? after.kind() : after.label());
    }

    @Override
    public void apply(Graph graph) {
        graph.replaceNode(after);
    }

    @Override
    public void undo(Graph graph) {
        graph.replaceNode(before);
    }

    @Override
    public java.util.Optional<Command> mergeWith(Command next) {
        return next instanceof ChangeNode change && change.before.id().equals(after.id())
                ? java.util.Optional.of(new ChangeNode(before, change.after)) : java.util.Optional.empty();
    }
}
