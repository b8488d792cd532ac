package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatflow.graph.FlowNode;

import java.util.List;

/**
 * For each item of a list: {@code items} (a template that is a list, like {@code {{kb1.results}}})
 * and {@code max_iterations} (default the flow's). The {@code body} edge runs once per item with
 * {@code {{loop_id.item}}} and {@code {{loop_id.index}}}; the body's last node connects back to
 * the loop, which then moves on, and leaves by {@code done} after the last item.
 */
final class LoopNode implements NodeType {

    static final String BODY = "body";
    static final String DONE = "done";

    @Override
    public String name() {
        return "loop";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(BODY, DONE);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String items = Data.text(node.data(), "items");
        if (items == null) {
            checks.error("data.items", "Choose the list to go through, like {{kb_search.results}}");
        } else {
            checks.template("data.items", items, false);
        }
        Data.checkedInt(node.data(), "max_iterations", 1, 1, 10_000, checks);
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var scratch = run.scratch();
        var out = Data.object();
        int index;
        JsonNode items;
        if (!scratch.has("items")) {
            items = run.value(Data.text(run.node().data(), "items"));
            if (items.isMissingNode() || items.isNull()) {
                items = io.parley.server.common.Json.mapper().createArrayNode();
            }
            if (!items.isArray()) {
                throw new NodeFailure("not_a_list", "The loop's items are not a list");
            }
            scratch.set("items", items);
            index = 0;
        } else {
            items = scratch.get("items");
            index = scratch.path("index").asInt() + 1;
        }
        int max = Math.min(items.size(), Data.integer(run.node().data(), "max_iterations", run.settings().maxIterations()));
        out.put("total", items.size());
        if (index >= max) {
            scratch.removeAll();
            out.put("index", index);
            out.put("done", true);
            out.put("truncated", max < items.size());
            return Step.branch(out, DONE);
        }
        scratch.put("index", index);
        out.set("item", items.get(index));
        out.put("index", index);
        out.put("done", false);
        return Step.branch(out, BODY);
    }
}
