package io.parley.canvas.command;

import io.parley.canvas.model.Graph;

import java.util.Optional;

/**
 * One undoable edit of a {@link Graph}. {@code apply} and {@code undo} must leave the graph exactly
 * as it was before the other ran, so any sequence of undo and redo is safe.
 */
public interface Command {

    /** What the Edit menu says: "Undo Move 3 nodes". */
    String label();

    void apply(Graph graph);

    void undo(Graph graph);

    /**
     * This command and {@code next}, applied right after it, as one (consecutive nudges of the same
     * nodes); empty when they stay separate steps.
     */
    default Optional<Command> mergeWith(Command next) {
        return Optional.empty();
    }
}
