package io.parley.server.chatflow.node;

import io.parley.server.chatflow.graph.FlowNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flow's answer to the visitor: {@code message} (a template). The sources of the knowledge
 * searches the message uses ({@code {{kb1.context}}}) come with it, so citations show.
 */
final class ResponseNode implements NodeType {

    private static final Pattern NODE_REF = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public String name() {
        return "response";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of();
    }

    @Override
    public boolean responds() {
        return true;
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String message = Data.text(node.data(), "message", "text");
        if (message == null) {
            checks.error("data.message", "Write the answer this node gives ('message')");
            return;
        }
        checks.template("data.message", message, false);
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        String text = run.render(Data.text(run.node().data(), "message", "text")).strip();
        if (text.isEmpty()) {
            throw new NodeFailure("empty_response", "The answer came out empty: the values it uses are missing");
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        Matcher m = NODE_REF.matcher(Data.text(run.node().data(), "message", "text"));
        while (m.find()) {
            var used = run.state().path("nodes").path(m.group(1)).path("sources");
            if (used.isArray()) {
                used.forEach(s -> sources.add(io.parley.server.common.Json.mapper().convertValue(s,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { })));
            }
        }
        var out = Data.object();
        out.put("message", text);
        return Step.respond(out, text, sources);
    }
}
