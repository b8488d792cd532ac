package io.parley.server.chatflow.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One node of a flow as the canvas stores it: {@code {id, type, position, data}}. {@code data} is
 * the node type's configuration, kept as JSON so a draft holds whatever the editor saved; each
 * node type reads and checks it.
 */
public record FlowNode(String id, String type, double x, double y, ObjectNode data) {

    /** A text field of the configuration, or null when absent or blank. */
    public String text(String field) {
        var value = data.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** The node's display name: its {@code label} when set, else its id. */
    public String label() {
        String label = text("label");
        return label == null ? id : label;
    }
}
