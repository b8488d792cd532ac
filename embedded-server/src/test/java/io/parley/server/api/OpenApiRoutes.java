package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The server's own list of routes, read from {@code GET /openapi}. Tests that must cover every
 * route iterate this list, so a route added later is covered (or makes the test fail) automatically.
 */
final class OpenApiRoutes {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");

    /**
     * One documented operation.
     *
     * @param hasBody        it documents a JSON request body (POSTs such as validate or finalize take none)
     * @param bodyFieldTypes the body's documented fields and their JSON types; empty for a free-form body
     */
    record Route(String method, String path, boolean authenticated, List<String> pathParams, boolean hasBody,
                 Map<String, String> bodyFieldTypes, String summary) {

        Set<String> bodyFields() {
            return bodyFieldTypes.keySet();
        }

        /**
         * A bot's public route (the OpenAI-compatible endpoint included): it takes the bot's own key ({@code bk_…}), not an account's token
         * (those answer 401), and answers browsers' CORS preflight (OPTIONS) itself.
         */
        boolean botKeyRoute() {
            return !authenticated && (path.startsWith("/api/v1/bots/") || path.equals("/api/v1/leads/capture")
                    || path.equals("/v1/chat/completions"));
        }

        /**
         * Where a parameter's value depends on the feature: drafts of every type share the parameter
         * {@code draft_id}, so a value under {@code chatbots/draft_id} (or {@code chatflows/…}) is used on
         * that feature's routes; a chatflow's conversation state needs a chatflow's session.
         */
        String typedPrefix() {
            return path.startsWith("/api/v1/chatbots/") ? "chatbots/" : path.startsWith("/api/v1/chatflows/") ? "chatflows/" : "";
        }

        /** The path with {@code values} put in, a feature's own value first (see {@link #typedPrefix}). */
        String fill(Map<String, String> values) {
            Matcher m = PATH_PARAM.matcher(path);
            StringBuilder out = new StringBuilder();
            String prefix = typedPrefix();
            while (m.find()) {
                String value = values.getOrDefault(prefix + m.group(1), values.get(m.group(1)));
                if (value == null) {
                    throw new IllegalArgumentException("no value for path parameter " + m.group(1) + " of " + this);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** True when a request for {@code concretePath} reaches this route (a {param} is any one segment). */
        boolean matches(String concretePath) {
            String regex = Arrays.stream(path.split("/", -1))
                    .map(segment -> PATH_PARAM.matcher(segment).matches() ? "[^/]+" : Pattern.quote(segment))
                    .collect(Collectors.joining("/"));
            return concretePath.matches(regex);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private OpenApiRoutes() {
    }

    static List<Route> load(TestServer server) {
        TestServer.Response response = server.get("/openapi", null);
        if (response.status() != 200) {
            throw new IllegalStateException("GET /openapi answered " + response);
        }
        return parse(response.json());
    }

    static List<Route> parse(JsonNode doc) {
        List<Route> routes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!HTTP_METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode operation = op.getValue();
                boolean authenticated = operation.path("security").isArray() && !operation.path("security").isEmpty();
                List<String> params = new ArrayList<>();
                Matcher m = PATH_PARAM.matcher(path.getKey());
                while (m.find()) {
                    params.add(m.group(1));
                }
                Map<String, String> fields = new LinkedHashMap<>();
                operation.path("requestBody").path("content").path("application/json").path("schema")
                        .path("properties").fields().forEachRemaining(f -> fields.put(f.getKey(),
                                f.getValue().path("type").asText()));
                routes.add(new Route(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), authenticated,
                        List.copyOf(params), operation.has("requestBody"), Collections.unmodifiableMap(fields),
                        operation.path("summary").asText()));
            }
        }
        return List.copyOf(routes);
    }
}
