package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;

/** Small readers of node configuration and builders of outputs. */
final class Data {

    private Data() {
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    /** The first of {@code fields} holding non-blank text, or null. */
    static String text(JsonNode data, String... fields) {
        for (String f : fields) {
            JsonNode v = data.get(f);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    static int integer(JsonNode data, String field, int fallback) {
        JsonNode v = data.get(field);
        return v != null && v.canConvertToInt() && v.isNumber() ? v.asInt() : fallback;
    }

    /** Checks an optional whole number; returns it or the fallback. */
    static int checkedInt(ObjectNode data, String field, int fallback, int min, int max, NodeChecks checks) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            checks.error("data." + field, "'" + field + "' must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return v.asInt();
    }

    static boolean flag(JsonNode data, String field, boolean fallback) {
        JsonNode v = data.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : fallback;
    }
}
