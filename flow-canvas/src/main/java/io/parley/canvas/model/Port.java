package io.parley.canvas.model;

import java.util.Objects;

/**
 * A connection point of a node: an input or an output, with a type. An output connects to an
 * input of the same type, or to an input of type {@link #ANY}.
 *
 * @param id    unique within its node and direction ({@code "default"}, {@code "error"}, {@code "true"})
 * @param label what the canvas writes next to it (may be empty)
 */
public record Port(String id, Direction direction, String type, String label) {

    /** The type that accepts every other. */
    public static final String ANY = "any";

    public enum Direction { IN, OUT }

    public Port {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        type = type == null ? ANY : type;
        label = label == null ? "" : label;
    }

    public static Port in(String id, String type) {
        return new Port(id, Direction.IN, type, "");
    }

    public static Port out(String id, String type, String label) {
        return new Port(id, Direction.OUT, type, label);
    }

    /** Whether an edge may go from this output to {@code input}. */
    public boolean accepts(Port input) {
        return direction == Direction.OUT && input.direction == Direction.IN
                && (type.equals(ANY) || input.type.equals(ANY) || type.equals(input.type));
    }
}
