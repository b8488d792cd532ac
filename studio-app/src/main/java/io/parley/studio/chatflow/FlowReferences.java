package io.parley.studio.chatflow;

import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow's settings can refer to, for the variable picker: the visitor's message, the
 * flow's variables (declared, or written by a question, a variable step or an AI answer) and
 * what each step produced ({@code {{search1.response}}}).
 */
public final class FlowReferences {

    private FlowReferences() {
    }

    /** The variables the flow declares or writes, in the order they appear. */
    public static Set<String> variables(Graph graph, Map<String, Object> declared) {
        Set<String> names = new LinkedHashSet<>(declared.keySet());
        for (Node n : graph.nodes()) {
            Map<String, Object> data = n.properties();
            switch (n.kind()) {
                case "question" -> Data.text(data, "variable").ifPresent(v -> names.add(strip(v)));
                case "llm" -> Data.text(data, "output_variable").ifPresent(v -> names.add(strip(v)));
                case "variable" -> Data.rows(data, "operations")
                        .forEach(op -> Data.text(op, "variable").ifPresent(v -> names.add(strip(v))));
                default -> { }
            }
        }
        return names;
    }

    private static String strip(String variable) {
        return variable.startsWith("vars.") ? variable.substring(5) : variable;
    }

    public static List<Reference> of(Graph graph, Map<String, Object> declared) {
        List<Reference> out = new ArrayList<>();
        out.add(new Reference("{{input}}", "The visitor's message", "Conversation"));
        for (String v : variables(graph, declared)) {
            out.add(new Reference("{{vars." + v + "}}", v, "Variables"));
        }
        for (Node n : graph.nodes()) {
            String step = n.label().isEmpty() ? NodeKind.of(n.kind()).map(NodeKind::title).orElse(n.kind()) : n.label();
            for (String field : fields(n)) {
                out.add(new Reference("{{" + n.id() + "." + field + "}}", step + " → " + field, "Steps"));
            }
        }
        return out;
    }

    private static List<String> fields(Node n) {
        Map<String, Object> data = n.properties();
        return switch (n.kind()) {
            case "question" -> List.of("answer");
            case "llm" -> {
                if (!Boolean.TRUE.equals(data.get("json_output"))) {
                    yield List.of("text");
                }
                List<String> f = new ArrayList<>(List.of("text", "json"));
                RowsCodec.ANSWER_FIELDS.read(data.get("json_schema")).forEach(r -> f.add(String.valueOf(r.get("name"))));
                yield f;
            }
            case "llm_router", "condition" -> List.of("branch");
            case "extract" -> Data.rows(data, "parameters").stream()
                    .map(p -> "values." + Data.text(p, "name").orElse("?")).toList();
            case "knowledge_base" -> List.of("response", "context", "count");
            case "loop" -> List.of("item", "index");
            case "http" -> {
                List<String> f = new ArrayList<>(List.of("status", "body"));
                if (data.get("response_mapping") instanceof Map<?, ?> mapping) {
                    mapping.keySet().forEach(k -> f.add(String.valueOf(k)));
                }
                yield f;
            }
            case "code" -> List.of("result");
            case "memory" -> List.of("transcript");
            case "sub_flow" -> List.of("response");
            case "handoff" -> List.of("ticket_id");
            default -> List.of();
        };
    }
}
