package io.parley.server.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI 3.1 document made from the {@link RouteCatalog}: every registered route, its
 * parameters, whether it needs a bearer token, and the fields of its JSON body.
 */
public final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(RouteCatalog catalog, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Parley API", "version", version,
                "description", "Design, preview and run AI chat assistants. Errors use the envelope "
                        + "{\"error\": {\"code\", \"message\", \"details\"}}."));
        Map<String, Object> paths = new TreeMap<>();
        for (RouteInfo route : catalog.routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(),
                    p -> new LinkedHashMap<String, Object>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "An access token from auth/login, the studio's local token, or an API key")),
                "schemas", Map.of("Error", Map.of("type", "object", "properties", Map.of("error",
                        Map.of("type", "object", "required", List.of("code", "message"), "properties", Map.of(
                                "code", Map.of("type", "string"),
                                "message", Map.of("type", "string"),
                                "details", Map.of("type", "object"))))))));
        return doc;
    }

    private static Map<String, Object> operation(RouteInfo route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(route.tag()));
        op.put("summary", route.summary());
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(route.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.requestBody() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", schemaOf(route.requestBody())))));
        }
        if (route.access() == Access.AUTHENTICATED) {
            op.put("security", List.of(Map.of("bearer", List.of())));
        }
        Map<String, Object> error = Map.of("description", "Error",
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("2XX", Map.of("description", "Success"));
        responses.put("4XX", error);
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> schemaOf(Class<?> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (type.isRecord()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                properties.put(SNAKE.translate(c.getName()), Map.of("type", jsonType(c.getType())));
            }
            schema.put("properties", properties);
        }
        return schema;
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
