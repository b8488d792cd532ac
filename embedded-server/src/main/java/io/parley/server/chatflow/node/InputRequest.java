package io.parley.server.chatflow.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a waiting flow asks of the visitor's next message: {@code text}, {@code email},
 * {@code number} or {@code choice} (then the widget shows {@code choices} as buttons).
 */
public record InputRequest(String nodeId, String type, String prompt, List<Choice> choices) {

    public InputRequest {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node_id", nodeId);
        out.put("type", type);
        out.put("prompt", prompt);
        out.put("choices", choices.stream().map(c -> Map.of("label", c.label(), "value", c.value())).toList());
        return out;
    }
}
