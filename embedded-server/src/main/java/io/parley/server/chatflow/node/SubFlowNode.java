package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;

import java.util.List;
import java.util.Map;

/**
 * Calls another deployed chatflow of the workspace as a step (the seed's composite node), with
 * explicit inputs and outputs so neither flow's variables leak into the other:
 * {@code flow_id}, {@code inputs} ({@code {name: template}}, the called flow's {@code vars.name})
 * and {@code outputs} ({@code {"vars.level": "reading_level"}}: where to put which of its variables
 * at its end). The called flow runs to its end within this turn and may not ask questions.
 * Output: {@code response} and {@code outputs}.
 */
final class SubFlowNode implements NodeType {

    @Override
    public String name() {
        return "sub_flow";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String flowId = Data.text(node.data(), "flow_id");
        if (flowId == null) {
            checks.error("data.flow_id", "Choose the chatflow to call");
        } else if (!checks.chatflowExists(flowId)) {
            checks.error("data.flow_id", "The chatflow this node calls is not deployed in this workspace");
        }
        JsonNode inputs = node.data().get("inputs");
        if (inputs != null && !inputs.isNull()) {
            if (!inputs.isObject()) {
                checks.error("data.inputs", "'inputs' must be {name: value}");
            } else {
                checks.templates("data.inputs", inputs, false);
            }
        }
        JsonNode outputs = node.data().get("outputs");
        if (outputs != null && !outputs.isNull()) {
            if (!outputs.isObject()) {
                checks.error("data.outputs", "'outputs' must be {\"vars.name\": \"the called flow's variable\"}");
            } else {
                outputs.fieldNames().forEachRemaining(target -> {
                    String problem = VariablePaths.problem(target);
                    if (problem != null) {
                        checks.error("data.outputs." + target, problem);
                    } else {
                        checks.writes(VariablePaths.qualified(target));
                    }
                });
            }
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        JsonNode inputs = data.get("inputs");
        var given = inputs != null && inputs.isObject() ? (com.fasterxml.jackson.databind.node.ObjectNode) run.renderJson(inputs, false)
                : Data.object();
        var flow = run.services().subflows().find(run.workspaceId(), Data.text(data, "flow_id"))
                .orElseThrow(() -> new NodeFailure("sub_flow_missing", "The called chatflow is no longer deployed"));
        run.note("flow", flow.name());
        SubFlows.Result result = run.callFlow(flow, given);
        var out = Data.object();
        out.put("response", result.response());
        var mapped = out.putObject("outputs");
        JsonNode outputs = data.get("outputs");
        if (outputs != null && outputs.isObject()) {
            for (Map.Entry<String, JsonNode> e : outputs.properties()) {
                JsonNode value = result.variables().path(e.getValue().asText());
                JsonNode kept = value.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.instance : value;
                VariablePaths.assign(run.state(), e.getKey(), kept);
                mapped.set(e.getKey(), kept);
            }
        }
        return Step.next(out);
    }
}
