package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.server.chatflow.node.NodeFailure;
import io.parley.server.chatflow.run.Expressions;
import io.parley.server.chatflow.run.Ref;
import io.parley.server.chatflow.run.ReferenceReader;
import io.parley.server.chatflow.vars.CelConditions;
import io.parley.server.chatflow.vars.Rules;
import io.parley.server.chatflow.vars.StateView;
import io.parley.server.chatflow.vars.Template;
import io.parley.server.common.Json;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Templates and conditions over a run's state (see {@link Template}, {@link CelConditions},
 * {@link Rules}). Missing values render empty; a secret renders only where the caller passes a
 * lookup (HTTP and LLM settings), and logs see {@code [secret:name]} instead.
 */
public final class FlowExpressions implements Expressions, ReferenceReader {

    private static final int MAX_CACHED = 10_000;

    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final CelConditions cel = new CelConditions();

    @Override
    public String render(String template, ObjectNode state, Function<String, Optional<String>> secrets) throws NodeFailure {
        StringBuilder out = new StringBuilder();
        for (Template.Part part : parse(template).parts()) {
            switch (part) {
                case Template.Text t -> out.append(t.text());
                case Template.Path p -> out.append(StateView.text(StateView.resolve(state, p.segments())));
                case Template.Secret s -> out.append(secret(s.name(), secrets));
            }
        }
        return out.toString();
    }

    @Override
    public JsonNode value(String template, ObjectNode state) throws NodeFailure {
        Template parsed = parse(template);
        if (parsed.single() instanceof Template.Path p) {
            return StateView.resolve(state, p.segments());
        }
        if (parsed.single() instanceof Template.Secret) {
            throw new NodeFailure("secret_not_allowed", "Secrets can only be used in HTTP request and LLM settings");
        }
        return TextNode.valueOf(render(template, state, null));
    }

    @Override
    public JsonNode renderJson(JsonNode tree, ObjectNode state, Function<String, Optional<String>> secrets)
            throws NodeFailure {
        if (tree == null) {
            return NullNode.instance;
        }
        if (tree.isTextual()) {
            Template parsed = parse(tree.asText());
            if (parsed.single() instanceof Template.Path p) {
                JsonNode v = StateView.resolve(state, p.segments());
                return v.isMissingNode() ? NullNode.instance : v.deepCopy();
            }
            return TextNode.valueOf(render(tree.asText(), state, secrets));
        }
        if (tree.isObject()) {
            ObjectNode out = Json.mapper().createObjectNode();
            for (var e : tree.properties()) {
                out.set(e.getKey(), renderJson(e.getValue(), state, secrets));
            }
            return out;
        }
        if (tree.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            for (JsonNode e : tree) {
                out.add(renderJson(e, state, secrets));
            }
            return out;
        }
        return tree;
    }

    @Override
    public String redacted(String template, ObjectNode state) {
        try {
            StringBuilder out = new StringBuilder();
            for (Template.Part part : parse(template).parts()) {
                switch (part) {
                    case Template.Text t -> out.append(t.text());
                    case Template.Path p -> out.append(StateView.text(StateView.resolve(state, p.segments())));
                    case Template.Secret s -> out.append("[secret:").append(s.name()).append(']');
                }
            }
            return out.toString();
        } catch (NodeFailure e) {
            return template;
        }
    }

    @Override
    public boolean test(JsonNode condition, ObjectNode state) throws NodeFailure {
        try {
            if (condition == null || condition.isNull()) {
                throw new NodeFailure("bad_condition", "The condition is empty");
            }
            if (condition.isTextual()) {
                return cel.test(condition.asText(), state);
            }
            Rules.references(condition); // checks the rule's shape
            return Rules.test(condition, state);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NodeFailure("bad_condition", e.getMessage());
        }
    }

    @Override
    public List<Ref> template(String template, boolean secretsAllowed) {
        Template parsed = Template.parse(template);
        if (!secretsAllowed && parsed.usesSecrets()) {
            throw new IllegalArgumentException("Secrets ({{secret:…}}) can only be used in HTTP request and LLM settings");
        }
        return parsed.references();
    }

    @Override
    public List<Ref> condition(JsonNode condition, Set<String> nodeIds, Set<String> variables) {
        if (condition == null || condition.isNull()) {
            throw new IllegalArgumentException("Write the condition");
        }
        if (condition.isTextual()) {
            return cel.references(condition.asText());
        }
        return Rules.references(condition);
    }

    private Template parse(String template) throws NodeFailure {
        Template cached = templates.get(template);
        if (cached != null) {
            return cached;
        }
        try {
            Template parsed = Template.parse(template);
            if (templates.size() >= MAX_CACHED) {
                templates.clear();
            }
            templates.put(template, parsed);
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("bad_template", e.getMessage());
        }
    }

    private static String secret(String name, Function<String, Optional<String>> secrets) throws NodeFailure {
        if (secrets == null) {
            throw new NodeFailure("secret_not_allowed", "Secrets can only be used in HTTP request and LLM settings");
        }
        return secrets.apply(name).orElseThrow(() -> new NodeFailure("unknown_secret",
                "No credential is called '" + name + "'"));
    }
}
