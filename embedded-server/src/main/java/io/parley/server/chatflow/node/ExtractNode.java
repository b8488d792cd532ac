package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.common.Text;
import io.parley.server.inference.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fills named, typed parameters from the conversation with the model: {@code parameters:
 * [{name, type (string, number, boolean, email), description, required}]}. Each value found is
 * stored as {@code vars.<name>}. While a required one is missing the node asks for it ({@code ask},
 * a template that may use {@code {{local.missing}}}) and waits, at most {@code retries} times,
 * then takes the error path. Model settings as an llm node's. Output: {@code values}, {@code missing}.
 */
final class ExtractNode implements NodeType {

    private static final Set<String> TYPES = Set.of("string", "number", "boolean", "email");
    static final int DEFAULT_RETRIES = 2;

    @Override
    public String name() {
        return "extract";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public boolean waitsForInput() {
        return true;
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        List<JsonNode> params = parameters(node);
        if (params.isEmpty()) {
            checks.error("data.parameters", "Add the values to collect, each with a name and a type");
        }
        for (int i = 0; i < params.size(); i++) {
            JsonNode p = params.get(i);
            String name = Data.text(p, "name");
            if (name == null || VariablePaths.problem(name) != null || name.contains(".")) {
                checks.error("data.parameters[" + i + "].name", "Each value needs a name of letters, digits and _");
            } else {
                checks.writes("vars." + name);
            }
            String type = Data.text(p, "type");
            if (type != null && !TYPES.contains(type)) {
                checks.error("data.parameters[" + i + "].type", "'type' must be string, number, boolean or email");
            }
        }
        String ask = Data.text(node.data(), "ask");
        if (ask != null) {
            checks.template("data.ask", ask, false);
        }
        Data.checkedInt(node.data(), "retries", DEFAULT_RETRIES, 0, 10, checks);
        try {
            io.parley.server.inference.ModelResolver.validateBotSettings(node.data(), "data");
        } catch (io.parley.server.common.ParleyException e) {
            checks.error(String.valueOf(e.details().getOrDefault("field", "data.model")), e.getMessage());
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        run.scratch().put("asked", 0);
        return extract(run);
    }

    @Override
    public Step resume(NodeRun run, String answer) throws NodeFailure {
        return extract(run);
    }

    private Step extract(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        List<JsonNode> params = parameters(run.node());
        StringBuilder system = new StringBuilder("Extract these values from the conversation. Answer with one JSON "
                + "object with exactly these keys, and null for a value the user has not given:\n");
        for (JsonNode p : params) {
            system.append("- ").append(Data.text(p, "name")).append(" (").append(type(p)).append("): ")
                    .append(Data.text(p, "description") == null ? "" : Data.text(p, "description")).append('\n');
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(system.toString()));
        messages.addAll(run.history(10));
        messages.add(ChatMessage.user(run.input()));
        ObjectNode found = LlmNode.parseJson(LlmNode.complete(run, data, messages).content());
        var out = Data.object();
        ObjectNode values = out.putObject("values");
        List<String> missing = new ArrayList<>();
        for (JsonNode p : params) {
            String name = Data.text(p, "name");
            JsonNode value = typed(found.get(name), type(p));
            JsonNode known = value != null ? value : run.state().path("vars").get(name);
            if (known != null && !known.isNull()) {
                values.set(name, known);
                VariablePaths.assign(run.state(), "vars." + name, known);
            } else if (Data.flag(p, "required", true)) {
                missing.add(Data.text(p, "description") == null ? name : Data.text(p, "description"));
            }
        }
        out.set("missing", io.parley.server.common.Json.mapper().valueToTree(missing));
        if (missing.isEmpty()) {
            run.scratch().removeAll();
            return Step.next(out);
        }
        int asked = run.scratch().path("asked").asInt();
        if (asked > Data.integer(data, "retries", DEFAULT_RETRIES)) {
            throw new NodeFailure("missing_values", "Still missing after " + asked + " questions: " + String.join(", ", missing));
        }
        run.scratch().put("asked", asked + 1);
        ((ObjectNode) run.state().get("local")).put("missing", String.join(", ", missing));
        String ask = Data.text(data, "ask") == null ? "Could you tell me " + String.join(", ", missing) + "?"
                : run.render(Data.text(data, "ask"));
        return Step.ask(out, List.of(Outbound.text(ask)), new InputRequest(run.node().id(), "text", ask, List.of()));
    }

    /** The value in the parameter's type, or null when absent or not convertible. */
    static JsonNode typed(JsonNode value, String type) {
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return null;
        }
        return switch (type) {
            case "number" -> {
                if (value.isNumber()) {
                    yield value;
                }
                try {
                    yield com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new java.math.BigDecimal(value.asText().strip()));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case "boolean" -> value.isBoolean() ? value
                    : Set.of("true", "yes").contains(value.asText().toLowerCase(java.util.Locale.ROOT))
                    ? com.fasterxml.jackson.databind.node.BooleanNode.TRUE
                    : Set.of("false", "no").contains(value.asText().toLowerCase(java.util.Locale.ROOT))
                    ? com.fasterxml.jackson.databind.node.BooleanNode.FALSE : null;
            case "email" -> {
                try {
                    yield com.fasterxml.jackson.databind.node.TextNode.valueOf(Text.email("email", value.asText()));
                } catch (RuntimeException e) {
                    yield null;
                }
            }
            default -> value.isTextual() ? value : com.fasterxml.jackson.databind.node.TextNode.valueOf(value.toString());
        };
    }

    private static String type(JsonNode p) {
        String t = Data.text(p, "type");
        return t == null ? "string" : t;
    }

    private static List<JsonNode> parameters(FlowNode node) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = node.data().get("parameters");
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }
}
