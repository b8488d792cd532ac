package io.parley.studio.chatflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading and writing a node's settings, held as plain maps and lists, by dotted paths. */
final class Data {

    private Data() {
    }

    /** The value at {@code path} ({@code validation.required}), or null. */
    static Object get(Map<String, Object> data, String path) {
        Object at = data;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }

    /** A non-blank text at {@code path}. */
    static Optional<String> text(Map<String, ?> data, String path) {
        @SuppressWarnings("unchecked")
        Object v = get((Map<String, Object>) data, path);
        if (v == null || v instanceof Map || v instanceof List) {
            return Optional.empty();
        }
        String s = String.valueOf(v);
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** The objects of the list at {@code key}; other entries are skipped. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> data, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (data.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    /**
     * A copy of {@code data} with {@code value} at {@code path}; null, blank text and empty
     * lists or objects remove the setting, so an emptied field falls back to its default.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> data, String path, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        int dot = path.indexOf('.');
        if (dot < 0) {
            if (isEmpty(value)) {
                copy.remove(path);
            } else {
                copy.put(path, value);
            }
            return copy;
        }
        String head = path.substring(0, dot);
        Map<String, Object> inner = copy.get(head) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> changed = with(inner, path.substring(dot + 1), value);
        if (changed.isEmpty()) {
            copy.remove(head);
        } else {
            copy.put(head, changed);
        }
        return copy;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isEmpty()
                || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }
}
