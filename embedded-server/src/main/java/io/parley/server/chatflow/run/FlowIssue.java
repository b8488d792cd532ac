package io.parley.server.chatflow.run;

/** A validation finding; {@code nodeId} (null for the flow as a whole) lets the editor mark the node. */
public record FlowIssue(String nodeId, String field, String message) {
}
