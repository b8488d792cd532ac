package io.parley.canvas.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node as the canvas draws it: its kind, a label, where it is, its ports, and free-form
 * properties the application keeps with it (a chatflow node's settings). Immutable: an edit
 * replaces the node in the {@link Graph}.
 */
public record Node(String id, String kind, String label, double x, double y, List<Port> inputs, List<Port> outputs,
                   Map<String, Object> properties) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        label = label == null ? "" : label;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a node's position must be finite");
        }
    }

    public Node at(double newX, double newY) {
        return new Node(id, kind, label, newX, newY, inputs, outputs, properties);
    }

    public Node withLabel(String newLabel) {
        return new Node(id, kind, newLabel, x, y, inputs, outputs, properties);
    }

    public Node withProperties(Map<String, Object> newProperties) {
        return new Node(id, kind, label, x, y, inputs, outputs, newProperties);
    }

    public Node withId(String newId) {
        return new Node(newId, kind, label, x, y, inputs, outputs, properties);
    }

    public Optional<Port> input(String portId) {
        return inputs.stream().filter(p -> p.id().equals(portId)).findFirst();
    }

    public Optional<Port> output(String portId) {
        return outputs.stream().filter(p -> p.id().equals(portId)).findFirst();
    }
}
