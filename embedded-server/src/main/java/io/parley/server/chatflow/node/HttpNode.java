package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.chatflow.http.HttpCall;
import io.parley.server.chatflow.http.HttpOutcome;
import io.parley.server.chatflow.http.ResponseMapping;
import io.parley.server.common.ParleyException;
import io.parley.server.credential.CredentialSecret;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls a web service: {@code method}, {@code url}, {@code headers} and {@code body} (templates,
 * where {@code {{secret:name}}} is allowed; a JSON body keeps its types), {@code credential_id}
 * with {@code auth} (bearer, basic, or header with {@code auth_header}), {@code timeout_seconds}
 * (1–120, default 10), {@code retries} (0–5, on connection errors, timeouts, 429 and 5xx), a
 * circuit breaker per host, {@code response_mapping} ({@code {name: JSONPath}}) and
 * {@code fallback_response} (an object used as the output, on the success path, when the call
 * fails). A call that changes something (not GET/HEAD/OPTIONS) is made once per turn's revision.
 * Output: {@code status}, {@code body}, the mapped names, {@code fallback}.
 */
final class HttpNode implements NodeType {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    static final int DEFAULT_TIMEOUT = 10;

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        var data = node.data();
        String method = method(data);
        if (!METHODS.contains(method)) {
            checks.error("data.method", "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS");
        }
        String url = Data.text(data, "url");
        if (url == null) {
            checks.error("data.url", "Give the address to call, like https://api.example.com/orders");
        } else {
            checks.template("data.url", url, true);
            String literal = url.strip().toLowerCase(Locale.ROOT);
            if (!literal.startsWith("{{") && !literal.startsWith("http://") && !literal.startsWith("https://")) {
                checks.error("data.url", "The address must start with https:// (or http://)");
            } else if (literal.startsWith("http://") && !literal.startsWith("http://localhost")
                    && !literal.startsWith("http://127.0.0.1")) {
                checks.warning("data.url", "This call is not encrypted (http://): use https:// for anything private");
            }
            if (literal.matches("https?://[^/]*:[^/@]*@.*")) {
                checks.warning("data.url", "A user name and password are written in the address: use a credential instead");
            }
        }
        JsonNode headers = data.get("headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                checks.error("data.headers", "'headers' must be {name: value}");
            } else {
                checks.templates("data.headers", headers, true);
            }
        }
        checks.templates("data.body", data.get("body"), true);
        String credential = Data.text(data, "credential_id");
        if (credential != null && !checks.credentialExists(credential)) {
            checks.error("data.credential_id", "The credential this call uses no longer exists");
        }
        String auth = Data.text(data, "auth");
        if (auth != null && !Set.of("bearer", "basic", "header").contains(auth)) {
            checks.error("data.auth", "'auth' must be bearer, basic or header");
        }
        JsonNode timeout = data.get("timeout_seconds");
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.isNumber()) {
                checks.error("data.timeout_seconds", "'timeout_seconds' must be a number of seconds");
            } else if (timeout.asDouble() < 1 || timeout.asDouble() > 120) {
                checks.warning("data.timeout_seconds", "Timeouts outside 1–120 s are not used: the call waits between "
                        + "1 and 120 s (30 s suits most services)");
            }
        }
        Data.checkedInt(data, "retries", 0, 0, HttpCall.MAX_RETRIES, checks);
        JsonNode mapping = data.get("response_mapping");
        if (mapping != null && !mapping.isNull()) {
            if (!mapping.isObject()) {
                checks.error("data.response_mapping", "'response_mapping' must be {name: \"$.json.path\"}");
            } else {
                mapping.properties().forEach(e -> ResponseMapping.check(e.getValue().asText()).ifPresent(problem ->
                        checks.error("data.response_mapping." + e.getKey(), problem)));
            }
        }
        JsonNode fallback = data.get("fallback_response");
        if (fallback != null && !fallback.isNull() && !fallback.isObject()) {
            checks.error("data.fallback_response", "'fallback_response' must be an object of values to use instead");
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        String method = method(data);
        URI url;
        try {
            url = URI.create(run.renderWithSecrets(Data.text(data, "url")).strip());
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("invalid_url", "The address is not a valid URL");
        }
        run.note("request", method + " " + HttpOutcome.safeUrl(url));
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode given = data.get("headers");
        if (given != null && given.isObject()) {
            for (var e : given.properties()) {
                headers.put(e.getKey(), run.renderWithSecrets(e.getValue().asText()));
            }
        }
        authenticate(run, data, headers);
        String body = body(run, data.get("body"), headers);
        double seconds = data.path("timeout_seconds").isNumber() ? data.get("timeout_seconds").asDouble() : DEFAULT_TIMEOUT;
        long millis = (long) (Math.max(1, Math.min(120, seconds)) * 1000);
        millis = Math.max(1, Math.min(millis, run.remainingMillis()));
        HttpCall call;
        try {
            call = new HttpCall(method, url, headers, body, Duration.ofMillis(millis), Data.integer(data, "retries", 0),
                    Duration.ofMillis(Math.max(0, Data.integer(data, "retry_delay_ms", 500))),
                    run.workspaceId() + "|" + url.getHost() + ":" + url.getPort());
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("invalid_request", e.getMessage());
        }
        ObjectNode out = SAFE.contains(method) ? call(run, call) : run.once(() -> {
            try {
                return call(run, call);
            } catch (NodeFailure f) {
                throw new NodeFailure.Unchecked(f);
            }
        });
        return Step.next(out);
    }

    private static ObjectNode call(NodeRun run, HttpCall call) throws NodeFailure {
        HttpOutcome outcome = run.services().http().call(call);
        var data = run.node().data();
        if (!outcome.success()) {
            run.note("failure", outcome.failure() + ": " + outcome.message());
            JsonNode fallback = data.get("fallback_response");
            if (fallback != null && fallback.isObject()) {
                ObjectNode out = ((ObjectNode) fallback).deepCopy();
                out.put("fallback", true);
                out.put("status", outcome.status());
                out.put("error", outcome.message());
                return out;
            }
            throw new NodeFailure(outcome.failure() == null ? "http_failed" : outcome.failure().name().toLowerCase(Locale.ROOT),
                    outcome.message() == null ? "The call failed" : outcome.message());
        }
        ObjectNode out = Data.object();
        out.put("status", outcome.status());
        if (outcome.json() != null) {
            out.set("body", outcome.json());
        } else {
            out.put("body", outcome.body() == null ? "" : outcome.body());
        }
        JsonNode mapping = data.get("response_mapping");
        if (mapping != null && mapping.isObject() && mapping.size() > 0) {
            Map<String, String> paths = new LinkedHashMap<>();
            mapping.properties().forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
            try {
                ResponseMapping.Mapped mapped = ResponseMapping.of(paths).apply(outcome.json());
                out.setAll(mapped.values());
                if (!mapped.missing().isEmpty()) {
                    run.note("mapping_missing", mapped.missing());
                }
            } catch (IllegalArgumentException e) {
                throw new NodeFailure("bad_mapping", e.getMessage());
            }
        }
        out.put("fallback", false);
        run.note("attempts", outcome.attempts());
        return out;
    }

    /** Adds the credential's value as the {@code auth} scheme asks (bearer by default). */
    private static void authenticate(NodeRun run, JsonNode data, Map<String, String> headers) throws NodeFailure {
        String credentialId = Data.text(data, "credential_id");
        if (credentialId == null) {
            return;
        }
        CredentialSecret secret;
        try {
            secret = run.services().credentials().revealSecret(run.workspaceId(), credentialId, "chatflow http "
                    + run.node().id());
        } catch (ParleyException e) {
            throw new NodeFailure("credential", "The call's credential cannot be used: " + e.getMessage());
        }
        String auth = Data.text(data, "auth") == null ? "bearer" : Data.text(data, "auth");
        switch (auth) {
            case "basic" -> headers.put("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(secret.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            case "header" -> headers.put(Data.text(data, "auth_header") == null ? "X-Api-Key" : Data.text(data, "auth_header"),
                    secret.asText());
            default -> headers.put("Authorization", "Bearer " + secret.asText());
        }
    }

    /** A JSON tree is sent as JSON (its strings rendered); a string is sent as text. */
    private static String body(NodeRun run, JsonNode body, Map<String, String> headers) throws NodeFailure {
        if (body == null || body.isNull()) {
            return null;
        }
        if (body.isTextual()) {
            return run.renderWithSecrets(body.asText());
        }
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", "application/json");
        }
        return run.renderJson(body, true).toString();
    }

    private static String method(JsonNode data) {
        String m = Data.text(data, "method");
        return m == null ? "GET" : m.strip().toUpperCase(Locale.ROOT);
    }
}
