package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatflow.graph.FlowNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Branches: {@code branches: [{id, label, when}]} are tried in order and the first whose
 * {@code when} holds is taken, else {@code else}. {@code when} is a CEL expression
 * ({@code vars.age >= 18}) or a JSON rule ({@code {"var": "vars.age", "gte": 18}}). The seed's
 * short form {@code condition} has the handles {@code true} and {@code false}.
 */
final class ConditionNode implements NodeType {

    static final String ELSE = "else";

    @Override
    public String name() {
        return "condition";
    }

    @Override
    public List<String> handles(FlowNode node) {
        if (node.data().has("condition")) {
            return List.of("true", "false");
        }
        Set<String> handles = new LinkedHashSet<>();
        for (JsonNode b : branches(node)) {
            String id = Data.text(b, "id");
            if (id != null) {
                handles.add(id);
            }
        }
        handles.add(ELSE);
        return new ArrayList<>(handles);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        JsonNode single = node.data().get("condition");
        if (single != null) {
            checks.condition("data.condition", single);
            return;
        }
        List<JsonNode> branches = branches(node);
        if (branches.isEmpty()) {
            checks.error("data.branches", "Add at least one branch with its condition");
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < branches.size(); i++) {
            JsonNode b = branches.get(i);
            String at = "data.branches[" + i + "]";
            String id = Data.text(b, "id");
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
                checks.error(at + ".id", "Each branch needs a short id (letters, digits, _ or -)");
            } else if (id.equals(ELSE) || !ids.add(id)) {
                checks.error(at + ".id", "The branch id '" + id + "' is used twice (or is 'else')");
            }
            JsonNode when = b.get("when");
            if (when == null || when.isNull() || when.isTextual() && when.asText().isBlank()) {
                checks.error(at + ".when", "Write this branch's condition");
            } else {
                checks.condition(at + ".when", when);
            }
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var out = Data.object();
        JsonNode single = run.node().data().get("condition");
        if (single != null) {
            boolean result = run.test(single);
            out.put("result", result);
            out.put("branch", result ? "true" : "false");
            return Step.branch(out, result ? "true" : "false");
        }
        for (JsonNode b : branches(run.node())) {
            if (run.test(b.get("when"))) {
                String id = Data.text(b, "id");
                out.put("branch", id);
                out.put("result", true);
                return Step.branch(out, id);
            }
        }
        out.put("branch", ELSE);
        out.put("result", false);
        return Step.branch(out, ELSE);
    }

    private static List<JsonNode> branches(FlowNode node) {
        JsonNode list = node.data().get("branches");
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }
}
