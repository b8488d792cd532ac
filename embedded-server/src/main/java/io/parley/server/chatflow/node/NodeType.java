package io.parley.server.chatflow.node;

import io.parley.server.chatflow.graph.FlowNode;

import java.util.List;

/**
 * One kind of node: how its configuration is checked, which output handles it has, and what it
 * does when the flow reaches it. Stateless; one instance serves every flow.
 */
public interface NodeType {

    /** The {@code type} of the node in the document, like {@code "message"}. */
    String name();

    /** The output handles a node of this type leaves by, besides {@code error}. */
    List<String> handles(FlowNode node);

    /** Checks the node's configuration; errors block deploy, warnings do not. */
    void check(FlowNode node, NodeChecks checks);

    /** Does the node's work. */
    Step run(NodeRun run) throws NodeFailure;

    /** Whether the node may stop a turn to wait for the visitor (a question). */
    default boolean waitsForInput() {
        return false;
    }

    /** Whether the node ends a turn with the flow's answer. */
    default boolean responds() {
        return false;
    }

    /** Called with the visitor's next message when the flow waited on this node. */
    default Step resume(NodeRun run, String answer) throws NodeFailure {
        throw new IllegalStateException(name() + " nodes do not wait for input");
    }
}
