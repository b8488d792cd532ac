package io.parley.server.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads JSON into request records with the strict mapping of {@link Json}, and turns what Jackson
 * refuses into a 400 that names the field: {@code {"crawl": {"max_pages": "3"}}} answers
 * {@code invalid_field} with {@code details.field = "crawl.max_pages"}.
 *
 * <pre>{@code
 * Crawl crawl = JsonBinding.bind(body.get("crawl"), Crawl.class, "crawl");
 * }</pre>
 */
public final class JsonBinding {

    private JsonBinding() {
    }

    /**
     * {@code node} as {@code type}. {@code field} is where the node sits in the request (for example
     * {@code "retrieval_config"}), so errors name the full path; null for a whole request body.
     */
    public static <T> T bind(JsonNode node, Class<T> type, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw field == null ? ParleyException.invalidInput("A JSON object is required, not null")
                    : ParleyException.invalidField(field, "Field '" + field + "' must not be null");
        }
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw refused(e, field);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw field == null ? ParleyException.invalidInput("The request body does not have the expected shape")
                    : ParleyException.invalidField(field, "Field '" + field + "' does not have the expected shape");
        }
    }

    /** The 400 for a value Jackson refused; {@code field} as for {@link #bind}. */
    public static ParleyException refused(JsonMappingException e, String field) {
        String inner = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + Math.max(ref.getIndex(), 0) + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String path = field == null ? inner : inner.isEmpty() ? field : inner.startsWith("[") ? field + inner
                : field + "." + inner;
        if (path.isEmpty()) {
            return ParleyException.invalidInput(e instanceof MismatchedInputException
                    ? "The request body must be a JSON object" : "The request body does not have the expected shape");
        }
        if (e instanceof InvalidNullException) {
            return ParleyException.invalidField(path, "Field '" + path + "' must not be null");
        }
        if (e instanceof MismatchedInputException m) {
            return ParleyException.invalidField(path, "Field '" + path + "' has the wrong type (expected "
                    + describe(m.getTargetType()) + ")");
        }
        if (e.getCause() instanceof InputCoercionException) {
            return ParleyException.invalidField(path, "Field '" + path + "' is out of range");
        }
        return ParleyException.invalidField(path, "Field '" + path + "' does not have the expected shape");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type) || JsonNode.class.isAssignableFrom(type)) {
            return "an object";
        }
        return type.getSimpleName();
    }
}
