package io.parley.server.chatflow.node;

import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;

import java.util.List;
import java.util.Set;

/** Where every conversation turn starts: the visitor's message arrives. Output: {@code message}. */
final class TriggerNode implements NodeType {

    private static final Set<String> KINDS = Set.of("chat_message");

    @Override
    public String name() {
        return "trigger";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String kind = Data.text(node.data(), "trigger_type");
        if (kind != null && !KINDS.contains(kind)) {
            checks.error("data.trigger_type", "'trigger_type' must be chat_message (the visitor sends a message)");
        }
    }

    @Override
    public Step run(NodeRun run) {
        var out = Data.object();
        out.put("message", run.input());
        return Step.next(out);
    }
}
