package io.parley.canvas.command;

import io.parley.canvas.model.Graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Unlimited undo and redo for one graph. {@link #execute} applies a command and forgets what was
 * undone; consecutive commands that merge (nudges) become one step; a group ({@link #beginGroup},
 * {@link #endGroup}) makes everything in between one step, for a drag or a paste. The dirty flag
 * says whether the graph differs from the last {@link #markSaved}.
 */
public final class CommandStack {

    private final Graph graph;
    private final Deque<Command> done = new ArrayDeque<>();
    private final Deque<Command> undone = new ArrayDeque<>();
    private List<Command> group;
    private String groupLabel;
    private Command savedAt;
    private boolean everSaved;
    private final List<Runnable> listeners = new ArrayList<>();

    public CommandStack(Graph graph) {
        this.graph = Objects.requireNonNull(graph);
    }

    public Graph graph() {
        return graph;
    }

    /**
     * Called after every change of what can be undone or redone (an edit, a closed group, an undo,
     * a redo), once the stacks are up to date: graph events come earlier, mid-change.
     */
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed() {
        List.copyOf(listeners).forEach(Runnable::run);
    }

    public void execute(Command command) {
        command.apply(graph);
        if (group != null) {
            group.add(command);
            return;
        }
        push(command);
        changed();
    }

    public void beginGroup(String label) {
        if (group != null) {
            throw new IllegalStateException("a group is already open");
        }
        group = new ArrayList<>();
        groupLabel = label;
    }

    /** Closes the group as one step (nothing when it holds no command). */
    public void endGroup() {
        if (group == null) {
            throw new IllegalStateException("no group is open");
        }
        List<Command> commands = group;
        group = null;
        if (!commands.isEmpty()) {
            push(commands.size() == 1 ? commands.get(0) : new Compound(groupLabel, commands));
        }
        changed();
    }

    private void push(Command command) {
        undone.clear();
        Command last = done.peek();
        Optional<Command> merged = last == null || last == savedAt ? Optional.empty() : last.mergeWith(command);
        if (merged.isPresent()) {
            done.pop();
            done.push(merged.get());
        } else {
            done.push(command);
        }
    }

    public boolean canUndo() {
        return !done.isEmpty() && group == null;
    }

    public boolean canRedo() {
        return !undone.isEmpty() && group == null;
    }

    public Optional<String> undoLabel() {
        return canUndo() ? Optional.of(done.peek().label()) : Optional.empty();
    }

    public Optional<String> redoLabel() {
        return canRedo() ? Optional.of(undone.peek().label()) : Optional.empty();
    }

    public void undo() {
        if (!canUndo()) {
            return;
        }
        Command c = done.pop();
        c.undo(graph);
        undone.push(c);
        changed();
    }

    public void redo() {
        if (!canRedo()) {
            return;
        }
        Command c = undone.pop();
        c.apply(graph);
        done.push(c);
        changed();
    }

    /** The graph as it is now is saved (auto-save); undo and redo keep working across it. */
    public void markSaved() {
        savedAt = done.peek();
        everSaved = true;
    }

    /** Whether the graph changed since the last {@link #markSaved} (or since the start). */
    public boolean dirty() {
        return everSaved ? done.peek() != savedAt : !done.isEmpty();
    }
}
