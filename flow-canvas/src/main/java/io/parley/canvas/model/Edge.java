package io.parley.canvas.model;

import java.util.Objects;

/** A connection from an output port of one node to an input port of another (or the same) node. */
public record Edge(String id, String fromNode, String fromPort, String toNode, String toPort) {

    public Edge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fromNode, "fromNode");
        Objects.requireNonNull(fromPort, "fromPort");
        Objects.requireNonNull(toNode, "toNode");
        Objects.requireNonNull(toPort, "toPort");
    }

    public boolean touches(String nodeId) {
        return fromNode.equals(nodeId) || toNode.equals(nodeId);
    }
}
