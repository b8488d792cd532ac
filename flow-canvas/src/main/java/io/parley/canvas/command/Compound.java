package io.parley.canvas.command;

import io.parley.canvas.model.Graph;

import java.util.List;

/** Several commands as one step: applied in order, undone in reverse. */
public record Compound(String label, List<Command> commands) implements Command {

    public Compound {
        commands = List.copyOf(commands);
    }

    @Override
    public void apply(Graph graph) {
        commands.forEach(c -> c.apply(graph));
    }

    @Override
    public void undo(Graph graph) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            commands.get(i).undo(graph);
        }
    }
}
