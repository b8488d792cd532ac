package io.parley.server.chatflow.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.inference.ChatMessage;
import io.parley.server.inference.ChatRequest;
import io.parley.server.inference.ChatResponse;
import io.parley.server.inference.ModelResolver;
import io.parley.server.inference.ProviderException;
import io.parley.server.inference.ResolvedModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Asks the model: {@code prompt} (template), optional {@code system}, {@code history} (how many
 * earlier messages to include, default 0), the model settings of a chatbot ({@code provider},
 * {@code model}, {@code temperature}, {@code max_tokens}; unset = the workspace's default),
 * {@code output_variable} (also store the answer as {@code vars.<name>} and {@code <node>.<name>}),
 * and {@code json_output} with an optional {@code json_schema} (the answer's fields become the
 * node's output, so {@code {{llm1.intent}}} works). Output: {@code text}, the JSON fields, {@code usage}.
 */
final class LlmNode implements NodeType {

    static final int MAX_HISTORY = 50;

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        checkPromptAndModel(node, checks);
        String variable = Data.text(node.data(), "output_variable");
        if (variable != null) {
            String problem = VariablePaths.problem(variable);
            if (problem != null) {
                checks.error("data.output_variable", problem);
            } else {
                checks.writes(VariablePaths.qualified(variable));
            }
        }
        JsonNode schema = node.data().get("json_schema");
        if (schema != null && !schema.isNull() && !schema.isObject()) {
            checks.error("data.json_schema", "'json_schema' must be a JSON Schema object like "
                    + "{\"type\": \"object\", \"properties\": {\"intent\": {\"type\": \"string\"}}}");
        }
    }

    static void checkPromptAndModel(FlowNode node, NodeChecks checks) {
        String prompt = Data.text(node.data(), "prompt");
        if (prompt == null) {
            checks.error("data.prompt", "Write the prompt for the model");
        } else {
            checks.template("data.prompt", prompt, true);
        }
        String system = Data.text(node.data(), "system", "system_prompt");
        if (system != null) {
            checks.template("data.system", system, true);
        }
        try {
            ModelResolver.validateBotSettings(node.data(), "data");
        } catch (ParleyException e) {
            checks.error(String.valueOf(e.details().getOrDefault("field", "data.model")), e.getMessage());
        }
        Data.checkedInt(node.data(), "history", 0, 0, MAX_HISTORY, checks);
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        boolean json = Data.flag(data, "json_output", false);
        String system = Data.text(data, "system", "system_prompt");
        List<ChatMessage> messages = new ArrayList<>();
        StringBuilder sys = new StringBuilder(system == null ? "" : run.renderWithSecrets(system));
        if (json) {
            sys.append(sys.isEmpty() ? "" : "\n\n").append("Answer with one JSON object only, no other text.");
            JsonNode schema = data.get("json_schema");
            if (schema != null && schema.isObject()) {
                sys.append(" It must match this JSON Schema: ").append(schema);
            }
        }
        if (!sys.isEmpty()) {
            messages.add(ChatMessage.system(sys.toString()));
        }
        messages.addAll(run.history(Data.integer(data, "history", 0)));
        messages.add(ChatMessage.user(run.renderWithSecrets(Data.text(data, "prompt"))));
        ChatResponse answer = complete(run, data, messages);
        var out = Data.object();
        String text = answer.content() == null ? "" : answer.content().strip();
        out.put("text", text);
        if (json) {
            ObjectNode fields = parseJson(text);
            checkSchema(fields, data.get("json_schema"));
            out.set("json", fields);
            fields.properties().forEach(e -> {
                if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        }
        String variable = Data.text(data, "output_variable");
        if (variable != null) {
            JsonNode value = json ? out.get("json") : TextNode.valueOf(text);
            VariablePaths.assign(run.state(), variable, value);
            String last = VariablePaths.qualified(variable);
            out.set(last.substring(last.lastIndexOf('.') + 1), value);
        }
        answer.tokenUsage().ifPresent(u -> out.putObject("usage").put("prompt_tokens", u.promptTokens())
                .put("completion_tokens", u.completionTokens()));
        return Step.next(out);
    }

    /** Calls the model the node's settings name (or the workspace default); failures become node failures. */
    static ChatResponse complete(NodeRun run, JsonNode settings, List<ChatMessage> messages) throws NodeFailure {
        ResolvedModel model;
        try {
            model = run.services().models().resolve(run.workspaceId(), settings);
        } catch (ParleyException e) {
            throw new NodeFailure("model_settings", e.getMessage());
        }
        if (model.offline()) {
            throw new NodeFailure("no_model", "No AI model is set up: choose the workspace's default model "
                    + "(Models & credentials) or this node's model");
        }
        run.note("model", model.modelName());
        try {
            return model.model().orElseThrow().complete(new ChatRequest(messages, model.modelName(), model.temperature(),
                    model.maxTokens(), List.of()));
        } catch (ProviderException e) {
            throw new NodeFailure(e.code().wireName(), e.getMessage());
        }
    }

    /** The JSON object of an answer, tolerating a Markdown code fence around it. */
    static ObjectNode parseJson(String text) throws NodeFailure {
        String body = text.strip();
        if (body.startsWith("```")) {
            body = body.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        int start = body.indexOf('{');
        int end = body.lastIndexOf('}');
        if (start >= 0 && end > start) {
            body = body.substring(start, end + 1);
        }
        try {
            JsonNode parsed = Json.mapper().readTree(body);
            if (parsed instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new NodeFailure("invalid_json", "The model did not answer with a JSON object");
    }

    /** The schema's top-level {@code required} fields, property {@code type}s and {@code enum}s. */
    static void checkSchema(ObjectNode value, JsonNode schema) throws NodeFailure {
        if (schema == null || !schema.isObject()) {
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
                throw new NodeFailure("schema_mismatch", "The model's answer lacks '" + required.asText() + "'");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            var p = properties.next();
            JsonNode v = value.get(p.getKey());
            if (v == null || v.isNull()) {
                continue;
            }
            String type = p.getValue().path("type").asText("");
            boolean ok = switch (type) {
                case "string" -> v.isTextual();
                case "number" -> v.isNumber();
                case "integer" -> v.isIntegralNumber();
                case "boolean" -> v.isBoolean();
                case "array" -> v.isArray();
                case "object" -> v.isObject();
                default -> true;
            };
            if (!ok) {
                throw new NodeFailure("schema_mismatch", "The model's '" + p.getKey() + "' is not a " + type);
            }
            JsonNode allowed = p.getValue().get("enum");
            if (allowed != null && allowed.isArray()) {
                boolean found = false;
                for (JsonNode a : allowed) {
                    found |= a.equals(v);
                }
                if (!found) {
                    throw new NodeFailure("schema_mismatch", "The model's '" + p.getKey() + "' (" + v
                            + ") is not one of " + allowed);
                }
            }
        }
    }
}
