package io.parley.server.chatflow.vars;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values as CEL's runtime takes them: whole numbers as longs, others as doubles, maps and lists. */
final class JsonValues {

    private JsonValues() {
    }

    static Object toCel(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return d.longValue();
            }
            return d.doubleValue();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(e -> out.add(e.isNull() ? "" : toCel(e)));
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), toCel(e.getValue()));
                }
            });
            return out;
        }
        return "";
    }
}
