package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.code.CodeFailure;
import io.parley.server.chatflow.code.CodeLimits;
import io.parley.server.chatflow.code.CodeResult;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs JavaScript in a sandbox (no files, network, host classes or threads; time and memory
 * limits): {@code code} is a function body with {@code inputs} in scope, whose {@code return}
 * value (JSON) is the output; {@code inputs} maps names to templates; {@code timeout_ms}
 * (10–10000, default 2000). Output: {@code result}, its fields when it is an object, {@code logs}.
 */
final class CodeNode implements NodeType {

    static final int MAX_CODE = 20_000;

    @Override
    public String name() {
        return "code";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String code = Data.text(node.data(), "code");
        if (code == null) {
            checks.error("data.code", "Write the code to run; it ends with return {…}");
        } else if (code.length() > MAX_CODE) {
            checks.error("data.code", "The code is longer than " + MAX_CODE + " characters");
        }
        JsonNode inputs = node.data().get("inputs");
        if (inputs != null && !inputs.isNull()) {
            if (!inputs.isObject()) {
                checks.error("data.inputs", "'inputs' must be {name: value}");
            } else {
                checks.templates("data.inputs", inputs, false);
            }
        }
        Data.checkedInt(node.data(), "timeout_ms", 2000, 10, 10_000, checks);
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        JsonNode inputs = data.get("inputs");
        JsonNode given = inputs != null && inputs.isObject() ? run.renderJson(inputs, false) : Data.object();
        long timeout = Math.min(Data.integer(data, "timeout_ms", 2000), Math.max(10, run.remainingMillis()));
        CodeResult result;
        try {
            result = run.services().code().run(Data.text(data, "code"), given,
                    CodeLimits.DEFAULTS.withTimeout(Duration.ofMillis(timeout)));
        } catch (CodeFailure f) {
            run.note("logs", f.logs());
            throw new NodeFailure("code_" + f.kind().name().toLowerCase(Locale.ROOT), f.getMessage());
        }
        ObjectNode out = Data.object();
        if (result.value() instanceof ObjectNode fields) {
            out.setAll(fields.deepCopy());
        }
        out.set("result", result.value());
        if (!result.logs().isEmpty()) {
            out.set("logs", io.parley.server.common.Json.mapper().valueToTree(result.logs()));
        }
        return Step.next(out);
    }
}
