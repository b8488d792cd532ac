package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.server.common.Json;

/** Keeps log entries readable and bounded: long texts are cut, long lists shortened. */
final class LogValues {

    static final int MAX_TEXT = 500;
    static final int MAX_ITEMS = 10;

    private LogValues() {
    }

    static JsonNode trim(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String s = value.asText();
            return s.length() <= MAX_TEXT ? value : TextNode.valueOf(s.substring(0, MAX_TEXT) + "… (" + s.length() + " characters)");
        }
        if (value.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            for (int i = 0; i < Math.min(MAX_ITEMS, value.size()); i++) {
                out.add(trim(value.get(i)));
            }
            if (value.size() > MAX_ITEMS) {
                out.add("… " + (value.size() - MAX_ITEMS) + " more");
            }
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = Json.mapper().createObjectNode();
            value.properties().forEach(e -> out.set(e.getKey(), trim(e.getValue())));
            return out;
        }
        return value;
    }
}
