package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.inference.ChatMessage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets the model choose the path: {@code branches: [{id, description}]} are the intents,
 * {@code else} is taken when none fits; {@code instructions} (optional) add context, {@code input}
 * (template, default {@code {{input}}}) is what is classified; model settings as an llm node's.
 * Output: {@code branch}, {@code text} (the model's answer).
 */
final class LlmRouterNode implements NodeType {

    @Override
    public String name() {
        return "llm_router";
    }

    @Override
    public List<String> handles(FlowNode node) {
        Set<String> handles = new LinkedHashSet<>();
        branches(node).forEach(b -> {
            String id = Data.text(b, "id");
            if (id != null) {
                handles.add(id);
            }
        });
        handles.add(ConditionNode.ELSE);
        return new ArrayList<>(handles);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        List<JsonNode> branches = branches(node);
        if (branches.isEmpty()) {
            checks.error("data.branches", "Add the intents to choose from, each with an id and a description");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < branches.size(); i++) {
            String id = Data.text(branches.get(i), "id");
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}") || id.equals(ConditionNode.ELSE) || !ids.add(id)) {
                checks.error("data.branches[" + i + "].id", "Each intent needs its own short id (letters, digits, _ or -)");
            }
            if (Data.text(branches.get(i), "description", "label") == null) {
                checks.warning("data.branches[" + i + "].description", "Describe this intent so the model knows when to pick it");
            }
        }
        for (String field : new String[] {"instructions", "input"}) {
            String t = Data.text(node.data(), field);
            if (t != null) {
                checks.template("data." + field, t, true);
            }
        }
        try {
            io.parley.server.inference.ModelResolver.validateBotSettings(node.data(), "data");
        } catch (io.parley.server.common.ParleyException e) {
            checks.error(String.valueOf(e.details().getOrDefault("field", "data.model")), e.getMessage());
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        StringBuilder system = new StringBuilder("You route a customer's message to one category. Categories:\n");
        List<String> ids = new ArrayList<>();
        for (JsonNode b : branches(run.node())) {
            String id = Data.text(b, "id");
            ids.add(id);
            String description = Data.text(b, "description", "label");
            system.append("- ").append(id).append(": ").append(description == null ? id : description).append('\n');
        }
        system.append("- else: none of the above\nAnswer with the category id only.");
        String instructions = Data.text(data, "instructions");
        if (instructions != null) {
            system.append("\n\n").append(run.renderWithSecrets(instructions));
        }
        String input = Data.text(data, "input") == null ? run.input() : run.renderWithSecrets(Data.text(data, "input"));
        String text = LlmNode.complete(run, data, List.of(ChatMessage.system(system.toString()), ChatMessage.user(input)))
                .content();
        String branch = pick(text == null ? "" : text, ids);
        var out = Data.object();
        out.put("branch", branch);
        out.put("text", text == null ? "" : text.strip());
        return Step.branch(out, branch);
    }

    /** The id the answer names (the longest that appears as a word), else {@code else}. */
    static String pick(String answer, List<String> ids) {
        String normalized = " " + answer.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", " ") + " ";
        String best = ConditionNode.ELSE;
        for (String id : ids) {
            if (normalized.contains(" " + id.toLowerCase(Locale.ROOT) + " ")
                    && (best.equals(ConditionNode.ELSE) || id.length() > best.length())) {
                best = id;
            }
        }
        return best;
    }

    private static List<JsonNode> branches(FlowNode node) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = node.data().get("branches");
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }
}
