package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.common.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Asks the visitor something and waits for the next message: {@code question} (template),
 * {@code input_type} text, email, number or choice ({@code choices}), {@code variable} to store
 * the answer in, {@code validation} ({@code required}, {@code pattern}, {@code min}, {@code max},
 * {@code error_message}) and {@code retries} (asked again at most that many times, then the
 * {@code error} edge, or the flow's fallback). Output: {@code answer} (as typed) and {@code value}.
 */
final class QuestionNode implements NodeType {

    static final Set<String> TYPES = Set.of("text", "email", "number", "choice");
    static final int MAX_PATTERN = 500;
    static final int DEFAULT_RETRIES = 2;

    @Override
    public String name() {
        return "question";
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
        var data = node.data();
        String question = Data.text(data, "question", "message", "text");
        if (question == null) {
            checks.error("data.question", "Write the question to ask");
        } else {
            checks.template("data.question", question, false);
        }
        String type = type(data);
        if (!TYPES.contains(type)) {
            checks.error("data.input_type", "'input_type' must be text, email, number or choice");
        }
        if ("choice".equals(type) && choices(data.get("choices")).isEmpty()) {
            checks.error("data.choices", "A choice question needs its choices");
        }
        String variable = Data.text(data, "variable");
        if (variable != null) {
            String problem = VariablePaths.problem(variable);
            if (problem != null) {
                checks.error("data.variable", problem);
            } else {
                checks.writes(VariablePaths.qualified(variable));
            }
        }
        JsonNode validation = data.path("validation");
        String pattern = Data.text(validation, "pattern");
        if (pattern != null) {
            if (pattern.length() > MAX_PATTERN) {
                checks.error("data.validation.pattern", "The pattern is longer than " + MAX_PATTERN + " characters");
            } else {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    checks.error("data.validation.pattern", "The pattern is not a valid regular expression: "
                            + e.getDescription() + " (look-arounds and back-references are not supported)");
                }
            }
        }
        Data.checkedInt(data, "retries", DEFAULT_RETRIES, 0, 10, checks);
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        run.scratch().put("attempts", 0);
        return ask(run, null);
    }

    @Override
    public Step resume(NodeRun run, String answer) throws NodeFailure {
        var data = run.node().data();
        String problem = problem(data, answer);
        if (problem != null) {
            int attempts = run.scratch().path("attempts").asInt() + 1;
            run.scratch().put("attempts", attempts);
            run.note("invalid_answer", problem);
            if (attempts > Data.integer(data, "retries", DEFAULT_RETRIES)) {
                throw new NodeFailure("invalid_answer", "No valid answer after " + attempts + " tries: " + problem);
            }
            return ask(run, problem);
        }
        JsonNode value = value(data, answer.strip());
        String variable = Data.text(data, "variable");
        if (variable != null) {
            VariablePaths.assign(run.state(), variable, value);
        }
        var out = Data.object();
        out.put("answer", answer);
        out.set("value", value);
        run.scratch().removeAll();
        return Step.next(out);
    }

    private Step ask(NodeRun run, String problem) throws NodeFailure {
        var data = run.node().data();
        String question = run.render(Data.text(data, "question", "message", "text"));
        List<Choice> choices = "choice".equals(type(data)) ? choices(data.get("choices")) : List.of();
        List<Outbound> messages = new ArrayList<>();
        if (problem != null) {
            messages.add(Outbound.text(problem));
        }
        messages.add(choices.isEmpty() ? Outbound.text(question) : Outbound.buttons(question, choices));
        var out = Data.object();
        out.put("question", question);
        return Step.ask(out, messages, new InputRequest(run.node().id(), type(data), question, choices));
    }

    /** What is wrong with the answer (the builder's error message when set), or null. */
    private static String problem(JsonNode data, String answer) {
        JsonNode validation = data.path("validation");
        String custom = Data.text(validation, "error_message");
        String trimmed = answer == null ? "" : answer.strip();
        if (trimmed.isEmpty()) {
            return Data.flag(validation, "required", true) ? or(custom, "Please type an answer.") : null;
        }
        String type = type(data);
        switch (type) {
            case "email" -> {
                try {
                    Text.email("email", trimmed);
                } catch (RuntimeException e) {
                    return or(custom, "Please enter an email address like name@example.com.");
                }
            }
            case "number" -> {
                BigDecimal n = number(trimmed);
                if (n == null) {
                    return or(custom, "Please enter a number.");
                }
                JsonNode min = validation.get("min");
                JsonNode max = validation.get("max");
                if (min != null && min.isNumber() && n.compareTo(min.decimalValue()) < 0
                        || max != null && max.isNumber() && n.compareTo(max.decimalValue()) > 0) {
                    return or(custom, "Please enter a number" + range(min, max) + ".");
                }
            }
            case "choice" -> {
                if (match(choices(data.get("choices")), trimmed) == null) {
                    return or(custom, "Please choose one of the options.");
                }
            }
            default -> {
                JsonNode max = validation.get("max_length");
                if (max != null && max.isInt() && trimmed.length() > max.asInt()) {
                    return or(custom, "Please keep it under " + max.asInt() + " characters.");
                }
            }
        }
        String pattern = Data.text(validation, "pattern");
        if (pattern != null && pattern.length() <= MAX_PATTERN && !Pattern.compile(pattern).matcher(trimmed).matches()) {
            return or(custom, "That doesn't look right, please try again.");
        }
        return null;
    }

    private static JsonNode value(JsonNode data, String answer) {
        return switch (type(data)) {
            case "number" -> DecimalNode.valueOf(number(answer).stripTrailingZeros());
            case "choice" -> TextNode.valueOf(match(choices(data.get("choices")), answer).value());
            case "email" -> TextNode.valueOf(Text.normalizeEmail(answer));
            default -> TextNode.valueOf(answer);
        };
    }

    private static String type(JsonNode data) {
        String type = Data.text(data, "input_type", "type");
        return type == null ? "text" : type.toLowerCase(Locale.ROOT);
    }

    /** Choices as {@code [{label, value}]} or plain strings. */
    static List<Choice> choices(JsonNode list) {
        List<Choice> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode c : list) {
                if (c.isTextual() && !c.asText().isBlank()) {
                    out.add(new Choice(c.asText(), c.asText()));
                } else if (c.isObject()) {
                    String label = Data.text(c, "label", "text", "value");
                    String value = Data.text(c, "value", "label", "text");
                    if (label != null) {
                        out.add(new Choice(label, value));
                    }
                }
            }
        }
        return out;
    }

    /** The choice the answer names, by value or label, ignoring case. */
    private static Choice match(List<Choice> choices, String answer) {
        for (Choice c : choices) {
            if (c.value().equalsIgnoreCase(answer) || c.label().equalsIgnoreCase(answer)) {
                return c;
            }
        }
        return null;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.replace(",", "").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String range(JsonNode min, JsonNode max) {
        if (min != null && max != null) {
            return " from " + min.asText() + " to " + max.asText();
        }
        return min != null ? " of at least " + min.asText() : " of at most " + max.asText();
    }

    private static String or(String custom, String fallback) {
        return custom == null ? fallback : custom;
    }
}
