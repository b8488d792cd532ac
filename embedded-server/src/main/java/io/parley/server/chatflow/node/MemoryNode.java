package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.inference.ChatMessage;

import java.util.List;
import java.util.Set;

/**
 * Conversation memory. {@code action: load} gives the last {@code limit} messages
 * ({@code messages}, and {@code transcript} as text for a prompt) and the notes saved so far
 * ({@code notes}); {@code action: save} keeps {@code value} (template) as a note for the rest
 * of the conversation (the last {@value #MAX_NOTES} are kept).
 */
final class MemoryNode implements NodeType {

    static final int MAX_NOTES = 50;
    private static final Set<String> ACTIONS = Set.of("load", "save");

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String action = Data.text(node.data(), "action");
        if (action == null || !ACTIONS.contains(action)) {
            checks.error("data.action", "'action' must be load or save");
            return;
        }
        if (action.equals("save")) {
            String value = Data.text(node.data(), "value");
            if (value == null) {
                checks.error("data.value", "Write what to remember, like {{vars.user_name}} prefers email");
            } else {
                checks.template("data.value", value, false);
            }
        } else {
            Data.checkedInt(node.data(), "limit", 10, 1, 100, checks);
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        var out = Data.object();
        ArrayNode notes = run.state().get("memory") instanceof ArrayNode a ? a : run.state().putArray("memory");
        if ("save".equals(Data.text(data, "action"))) {
            String value = run.render(Data.text(data, "value")).strip();
            notes.add(value);
            while (notes.size() > MAX_NOTES) {
                notes.remove(0);
            }
            out.put("saved", value);
            return Step.next(out);
        }
        List<ChatMessage> messages = run.history(Data.integer(data, "limit", 10));
        ArrayNode list = out.putArray("messages");
        StringBuilder transcript = new StringBuilder();
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role().wireName()).put("content", m.content());
            transcript.append(m.role() == ChatMessage.Role.USER ? "User: " : "Assistant: ").append(m.content()).append('\n');
        }
        out.put("transcript", transcript.toString().strip());
        out.set("notes", notes.deepCopy());
        return Step.next(out);
    }
}
