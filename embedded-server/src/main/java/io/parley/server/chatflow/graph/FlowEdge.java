package io.parley.server.chatflow.graph;

/**
 * A connection from one node's output handle to another node. A null handle is the node's default
 * output; branching nodes name theirs ({@code true}/{@code false}, a branch id, {@code else},
 * {@code body}/{@code done}), and every node may have an {@code error} handle.
 */
public record FlowEdge(String id, String source, String sourceHandle, String target, String label) {

    public static final String DEFAULT = "default";
    public static final String ERROR = "error";

    /** The handle this edge leaves from, {@link #DEFAULT} when none is named. */
    public String handle() {
        return sourceHandle == null || sourceHandle.isBlank() ? DEFAULT : sourceHandle;
    }
}
