package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.common.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Changes variables: {@code operations: [{action, variable, value}]} (or one operation at the
 * top of {@code data}) with {@code set} (value is a template; a lone reference keeps its type),
 * {@code append} (to a list), {@code increment} (by value, default 1) and {@code clear}.
 * Output: the new values by variable.
 */
final class VariableNode implements NodeType {

    private static final Set<String> ACTIONS = Set.of("set", "append", "increment", "clear");

    @Override
    public String name() {
        return "variable";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        List<JsonNode> ops = operations(node);
        if (ops.isEmpty()) {
            checks.error("data.operations", "Add what to change (set, append, increment or clear a variable)");
        }
        for (int i = 0; i < ops.size(); i++) {
            JsonNode op = ops.get(i);
            String at = node.data().has("operations") ? "data.operations[" + i + "]" : "data";
            String action = Data.text(op, "action");
            if (action == null || !ACTIONS.contains(action)) {
                checks.error(at + ".action", "'action' must be set, append, increment or clear");
            }
            String variable = Data.text(op, "variable");
            String problem = VariablePaths.problem(variable);
            if (problem != null) {
                checks.error(at + ".variable", problem);
            } else {
                checks.writes(VariablePaths.qualified(variable));
            }
            JsonNode value = op.get("value");
            if (value != null && value.isTextual()) {
                checks.template(at + ".value", value.asText(), false);
            }
            if ("set".equals(action) && value == null) {
                checks.error(at + ".value", "Give the value to set");
            }
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var out = Data.object();
        for (JsonNode op : operations(run.node())) {
            String variable = Data.text(op, "variable");
            String action = Data.text(op, "action");
            JsonNode value = op.get("value");
            JsonNode resolved = value == null ? NullNode.instance
                    : value.isTextual() ? run.value(value.asText()) : run.renderJson(value, false);
            JsonNode current = VariablePaths.read(run.state(), variable);
            JsonNode next = switch (action) {
                case "set" -> resolved;
                case "append" -> {
                    ArrayNode list = current.isArray() ? ((ArrayNode) current).deepCopy() : Json.mapper().createArrayNode();
                    if (!current.isArray() && !current.isMissingNode() && !current.isNull()) {
                        list.add(current);
                    }
                    yield list.add(resolved);
                }
                case "increment" -> {
                    BigDecimal by = value == null ? BigDecimal.ONE : decimal(resolved, "the increment of " + variable);
                    BigDecimal base = current.isMissingNode() || current.isNull() ? BigDecimal.ZERO
                            : decimal(current, variable);
                    yield DecimalNode.valueOf(base.add(by).stripTrailingZeros());
                }
                case "clear" -> NullNode.instance;
                default -> throw new NodeFailure("bad_config", "Unknown action '" + action + "'");
            };
            if ("clear".equals(action)) {
                VariablePaths.remove(run.state(), variable);
            } else {
                VariablePaths.assign(run.state(), variable, next);
            }
            out.set(VariablePaths.qualified(variable), next);
        }
        return Step.next(out);
    }

    private static BigDecimal decimal(JsonNode value, String what) throws NodeFailure {
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
        } catch (NumberFormatException e) {
            throw new NodeFailure("not_a_number", what + " is not a number ('" + value.asText() + "')");
        }
    }

    private static List<JsonNode> operations(FlowNode node) {
        JsonNode list = node.data().get("operations");
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        } else if (node.data().has("action")) {
            out.add(node.data());
        }
        return out;
    }
}
