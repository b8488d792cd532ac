package io.parley.server.chatflow.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message the flow sends during a turn: {@code text}, an {@code image} (url, alt) or
 * {@code buttons} (text with choices). The public API returns them in {@code messages[]}.
 */
public record Outbound(String type, String text, String url, String alt, List<Choice> buttons) {

    public static Outbound text(String text) {
        return new Outbound("text", text, null, null, List.of());
    }

    public static Outbound image(String url, String alt) {
        return new Outbound("image", null, url, alt, List.of());
    }

    public static Outbound buttons(String text, List<Choice> buttons) {
        return new Outbound("buttons", text, null, null, List.copyOf(buttons));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        if (text != null) {
            out.put("text", text);
        }
        if (url != null) {
            out.put("url", url);
            out.put("alt", alt == null ? "" : alt);
        }
        if (!buttons.isEmpty()) {
            out.put("buttons", buttons.stream().map(b -> Map.of("label", b.label(), "value", b.value())).toList());
        }
        return out;
    }
}
