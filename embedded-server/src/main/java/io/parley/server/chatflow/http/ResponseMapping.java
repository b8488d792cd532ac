package io.parley.server.chatflow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An http node's response mapping: named outputs, each a JSONPath over the answer's JSON.
 *
 * <pre>{@code
 * ResponseMapping mapping = ResponseMapping.of(Map.of("books", "$.data.books", "count", "$.data.total"));
 * ResponseMapping.Mapped mapped = mapping.apply(outcome.json());
 * mapped.values().get("count");   // 2
 * mapped.missing();               // outputs whose path matched nothing (their value is null)
 * }</pre>
 *
 * Uses Jayway JsonPath on Jackson's tree (json-smart, its default provider, is not on the class path,
 * so the configuration is always explicit).
 */
public final class ResponseMapping {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .build();

    private final Map<String, JsonPath> paths;

    private ResponseMapping(Map<String, JsonPath> paths) {
        this.paths = paths;
    }

    /**
     * @param outputsToPaths output name → JSONPath, in the order the outputs should appear
     * @throws IllegalArgumentException naming the first output whose path is not valid
     */
    public static ResponseMapping of(Map<String, String> outputsToPaths) {
        Map<String, JsonPath> compiled = new LinkedHashMap<>();
        outputsToPaths.forEach((name, path) -> {
            Optional<String> problem = check(path);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("Output \"" + name + "\": " + problem.get());
            }
            compiled.put(name, JsonPath.compile(path.strip()));
        });
        return new ResponseMapping(Collections.unmodifiableMap(compiled));
    }

    /** Checks a path while the bot is being built: empty when valid, otherwise what is wrong with it. */
    public static Optional<String> check(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("Enter a path such as $.data.items.");
        }
        String text = path.strip();
        if (!text.startsWith("$")) {
            return Optional.of("The path \"" + text + "\" must start with $, as in $.data.items.");
        }
        if (!balanced(text)) {
            // Jayway quietly reads "$.data[" as "$.data": a typo the builder should hear about.
            return Optional.of("The path \"" + text + "\" is not valid: a bracket [ or ( is not closed.");
        }
        try {
            JsonPath.compile(text);
            return Optional.empty();
        } catch (InvalidPathException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().strip();
            return Optional.of("The path \"" + text + "\" is not valid" + (reason.isEmpty() ? "." : ": " + reason));
        }
    }

    /** Every [ and ( closed in order, ignoring those inside quotes. */
    private static boolean balanced(String path) {
        StringBuilder open = new StringBuilder();
        char quote = 0;
        for (char c : path.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                open.append(c);
            } else if (c == ']' || c == ')') {
                if (open.isEmpty() || open.charAt(open.length() - 1) != (c == ']' ? '[' : '(')) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty() && quote == 0;
    }

    /** The outputs' values from {@code json}; a path that matches nothing gives {@code null} and is listed as missing. */
    public Mapped apply(JsonNode json) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        List<String> missing = new ArrayList<>();
        DocumentContext document = json == null ? null : JsonPath.using(JACKSON).parse(json);
        paths.forEach((name, path) -> {
            JsonNode value = document == null ? null : read(document, path);
            if (value == null || (!path.isDefinite() && value instanceof ArrayNode array && array.isEmpty())) {
                values.set(name, NullNode.getInstance());
                missing.add(name);
            } else {
                values.set(name, value);
            }
        });
        return new Mapped(values, missing);
    }

    public Map<String, String> paths() {
        Map<String, String> text = new LinkedHashMap<>();
        paths.forEach((name, path) -> text.put(name, path.getPath()));
        return text;
    }

    private static JsonNode read(DocumentContext document, JsonPath path) {
        try {
            Object value = document.read(path);
            return value instanceof JsonNode node ? node : JSON.valueToTree(value);
        } catch (JsonPathException | IllegalArgumentException e) {
            return null; // not found, or a filter over something that is not a list: nothing matched
        }
    }

    /**
     * @param values  every output by name, {@code null} for those that matched nothing
     * @param missing the outputs that matched nothing
     */
    public record Mapped(ObjectNode values, List<String> missing) {
        public Mapped {
            missing = List.copyOf(missing);
        }
    }
}
