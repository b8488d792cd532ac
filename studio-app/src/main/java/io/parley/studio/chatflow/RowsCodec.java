package io.parley.studio.chatflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a setting edited as rows is stored in a node's data: a list of objects as they are, an
 * object of name → value pairs, or the JSON Schema of an AI step's answer (one row per field).
 */
interface RowsCodec {

    List<Map<String, Object>> read(Object stored);

    Object write(List<Map<String, Object>> rows);

    static RowsCodec of(Field.Type type) {
        return switch (type) {
            case PAIRS -> PAIRS;
            case ANSWER_FIELDS -> ANSWER_FIELDS;
            default -> LIST;
        };
    }

    /** A JSON array of objects, each row as it is. */
    RowsCodec LIST = new RowsCodec() {
        @Override
        public List<Map<String, Object>> read(Object stored) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (stored instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        rows.add(copy(m));
                    }
                }
            }
            return rows;
        }

        @Override
        public Object write(List<Map<String, Object>> rows) {
            List<Map<String, Object>> copy = new ArrayList<>();
            rows.forEach(r -> copy.add(new LinkedHashMap<>(r)));
            return copy;
        }
    };

    /** A JSON object; each row is {@code {name, value}}, rows without a name are left out. */
    RowsCodec PAIRS = new RowsCodec() {
        @Override
        public List<Map<String, Object>> read(Object stored) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (stored instanceof Map<?, ?> map) {
                map.forEach((k, v) -> rows.add(new LinkedHashMap<>(Map.of("name", String.valueOf(k),
                        "value", v == null ? "" : String.valueOf(v)))));
            }
            return rows;
        }

        @Override
        public Object write(List<Map<String, Object>> rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            rows.forEach(r -> {
                String name = Objects.toString(r.get("name"), "").strip();
                if (!name.isEmpty()) {
                    map.put(name, Objects.toString(r.get("value"), ""));
                }
            });
            return map;
        }
    };

    /**
     * An AI step's answer fields as the JSON Schema the engine checks answers with: each row is
     * {@code {name, type, description, one_of}} (one_of: allowed values, commas between), and
     * every field is required.
     */
    RowsCodec ANSWER_FIELDS = new RowsCodec() {
        @Override
        public List<Map<String, Object>> read(Object stored) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (stored instanceof Map<?, ?> schema && schema.get("properties") instanceof Map<?, ?> properties) {
                properties.forEach((name, p) -> {
                    Map<?, ?> property = p instanceof Map<?, ?> m ? m : Map.of();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", String.valueOf(name));
                    row.put("type", Objects.toString(property.get("type"), "string"));
                    row.put("description", Objects.toString(property.get("description"), ""));
                    row.put("one_of", property.get("enum") instanceof List<?> values
                            ? String.join(", ", values.stream().map(String::valueOf).toList()) : "");
                    rows.add(row);
                });
            }
            return rows;
        }

        @Override
        public Object write(List<Map<String, Object>> rows) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                String name = Objects.toString(r.get("name"), "").strip();
                if (name.isEmpty()) {
                    continue;
                }
                Map<String, Object> property = new LinkedHashMap<>();
                property.put("type", Objects.toString(r.get("type"), "string"));
                String description = Objects.toString(r.get("description"), "").strip();
                if (!description.isEmpty()) {
                    property.put("description", description);
                }
                List<String> oneOf = Arrays.stream(Objects.toString(r.get("one_of"), "").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
                if (!oneOf.isEmpty()) {
                    property.put("enum", oneOf);
                }
                properties.put(name, property);
                required.add(name);
            }
            if (properties.isEmpty()) {
                return null; // no schema: any JSON object
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", required);
            return schema;
        }
    };

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> row = new LinkedHashMap<>();
        m.forEach((k, v) -> row.put(String.valueOf(k), v));
        return row;
    }
}
