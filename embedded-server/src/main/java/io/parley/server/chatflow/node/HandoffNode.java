package io.parley.server.chatflow.node;

import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;

import java.util.List;
import java.util.Set;

/**
 * Hands the conversation to a person: opens an escalation ticket with {@code reason} (template)
 * and {@code priority} (low, normal, high), marks the session as waiting for a human, and tells
 * the visitor {@code message}. A retried turn does not open a second ticket.
 * Output: {@code ticket_id}.
 */
final class HandoffNode implements NodeType {

    static final String DEFAULT_MESSAGE = "I'm passing you to a person from the team. They will reply here as soon as they can.";
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

    @Override
    public String name() {
        return "handoff";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String reason = Data.text(node.data(), "reason");
        if (reason != null) {
            checks.template("data.reason", reason, false);
        }
        String message = Data.text(node.data(), "message");
        if (message != null) {
            checks.template("data.message", message, false);
        }
        String priority = Data.text(node.data(), "priority");
        if (priority != null && !PRIORITIES.contains(priority)) {
            checks.error("data.priority", "'priority' must be low, normal or high");
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        String reason = Data.text(data, "reason") == null ? "The visitor asked for a person" : run.render(Data.text(data, "reason"));
        String priority = Data.text(data, "priority") == null ? "normal" : Data.text(data, "priority");
        String message = Data.text(data, "message") == null ? DEFAULT_MESSAGE : run.render(Data.text(data, "message"));
        var out = run.once(() -> {
            var ticket = Data.object();
            ticket.put("ticket_id", run.services().handoffs().open(run.workspaceId(), run.sessionId(), reason, priority));
            return ticket;
        });
        out.put("reason", reason);
        out.put("priority", priority);
        return Step.say(out, List.of(Outbound.text(message)));
    }
}
