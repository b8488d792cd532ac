package io.parley.canvas.model;

/** What changed in a {@link Graph}; listeners redraw only that. */
public sealed interface GraphEvent {

    record NodeAdded(Node node) implements GraphEvent {
    }

    record NodeRemoved(Node node) implements GraphEvent {
    }

    /** A node's position, label or properties changed. */
    record NodeChanged(Node before, Node after) implements GraphEvent {
    }

    record EdgeAdded(Edge edge) implements GraphEvent {
    }

    record EdgeRemoved(Edge edge) implements GraphEvent {
    }

    record SelectionChanged(java.util.Set<String> selected) implements GraphEvent {
    }
}
