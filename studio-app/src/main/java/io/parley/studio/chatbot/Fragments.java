package io.parley.studio.chatbot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pieces of the draft document as nested maps, for auto-save: {@code at(v, "appearance", "theme")}
 * is {@code {"appearance": {"theme": v}}}. Merged the way the server merges a PATCH: objects key
 * by key, anything else (arrays, {@code null}) replaces.
 */
final class Fragments {

    private Fragments() {
    }

    static Map<String, Object> at(Object value, String... path) {
        Object nested = value;
        for (int i = path.length - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(path[i], nested);
            nested = level;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) nested;
        return top;
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, ?> fragment) {
        fragment.forEach((key, value) -> {
            Object current = into.get(key);
            if (value instanceof Map<?, ?> map && current instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(copy, (Map<String, ?>) map);
                into.put(key, copy);
            } else if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                merge(copy, (Map<String, ?>) map);
                into.put(key, copy);
            } else {
                into.put(key, value);
            }
        });
    }

    /** A map that keeps {@code null} values (Map.of refuses them; the server reads null as "remove"). */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
