package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.Ids;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads model settings from JSON strictly, with 400s that name the field ({@code provider.base_url},
 * {@code temperature}): the workspace default's body, and the same fields in a chatbot's config.
 */
final class ModelSettingsReader {

    static final int MAX_URL_LENGTH = 2000;
    static final double MAX_TEMPERATURE = 2.0;
    static final int MAX_TOKENS = 1_000_000;

    /** The workspace default's body; {@code workspace_id} is the route's business. */
    record Body(JsonNode provider, String model, Double temperature, Integer maxTokens, String workspaceId) {
    }

    private record ProviderBody(String type, String baseUrl, String credentialId, Integer timeoutSeconds,
                                Integer maxRetries) {
    }

    private ModelSettingsReader() {
    }

    /** A whole settings document (PUT models/default). An openai_compatible provider needs a model. */
    static ModelSettings settings(JsonNode json) {
        Body body = JsonBinding.bind(json, Body.class, null);
        ProviderSettings provider = provider(body.provider(), "provider");
        String model = body.model() == null ? null : model(body.model(), "model");
        Double temperature = temperature(body.temperature(), "temperature");
        Integer maxTokens = maxTokens(body.maxTokens(), "max_tokens");
        if (!provider.isOffline() && model == null) {
            throw ParleyException.invalidField("model", "Choose the model to use, for example 'llama3.2' "
                    + "(the names the model server lists)");
        }
        return new ModelSettings(provider, model, temperature, maxTokens);
    }

    static ProviderSettings provider(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ParleyException.invalidField(field, "'" + field + "' is required: {\"type\": \"offline\"} or "
                    + "{\"type\": \"openai_compatible\", \"base_url\": ...}");
        }
        if (!node.isObject()) {
            throw ParleyException.invalidField(field, "Field '" + field + "' has the wrong type (expected an object)");
        }
        ProviderBody body = JsonBinding.bind(node, ProviderBody.class, field);
        String type = Text.required(field + ".type", body.type(), 40);
        if (type.equals(ProviderSettings.OFFLINE)) {
            return ProviderSettings.offline();
        }
        if (!type.equals(ProviderSettings.OPENAI_COMPATIBLE)) {
            throw ParleyException.invalidField(field + ".type", "'" + field + ".type' must be offline or "
                    + "openai_compatible");
        }
        String baseUrl = baseUrl(body.baseUrl(), field + ".base_url");
        String credentialId = body.credentialId();
        if (credentialId != null && !Ids.looksLikeId(credentialId)) {
            throw ParleyException.invalidField(field + ".credential_id", "'" + field
                    + ".credential_id' must be the id of a credential in this workspace, or null");
        }
        int timeout = range(body.timeoutSeconds(), ProviderSettings.DEFAULT_TIMEOUT_SECONDS, 1, 600,
                field + ".timeout_seconds");
        int retries = range(body.maxRetries(), ProviderSettings.DEFAULT_MAX_RETRIES, 0, 10, field + ".max_retries");
        return ProviderSettings.openAiCompatible(baseUrl, credentialId, timeout, retries);
    }

    static String model(String value, String field) {
        return Text.required(field, value, 200);
    }

    static Double temperature(Double value, String field) {
        if (value != null && (value.isNaN() || value < 0 || value > MAX_TEMPERATURE)) {
            throw ParleyException.invalidField(field, "'" + field + "' must be between 0 and " + MAX_TEMPERATURE);
        }
        return value;
    }

    static Integer maxTokens(Integer value, String field) {
        if (value != null && (value < 1 || value > MAX_TOKENS)) {
            throw ParleyException.invalidField(field, "'" + field + "' must be between 1 and " + MAX_TOKENS);
        }
        return value;
    }

    /** A JSON value that is present and not null, bound strictly to {@code type}; else null. */
    static <T> T optional(JsonNode parent, String name, Class<T> type, String field) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return JsonBinding.bind(node, type, field);
    }

    private static String baseUrl(String value, String field) {
        String url = Text.required(field, value, MAX_URL_LENGTH);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ParleyException.invalidField(field, "'" + field + "' is not a valid web address");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw ParleyException.invalidField(field, "'" + field + "' must start with http:// or https:// (for "
                    + "Ollama: http://localhost:11434/v1)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ParleyException.invalidField(field, "'" + field + "' must name a host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw ParleyException.invalidField(field, "'" + field + "' has a port outside 1 to 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw ParleyException.invalidField(field, "'" + field + "' must not hold a user name or password; "
                    + "store the key as a credential and set credential_id");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ParleyException.invalidField(field, "'" + field + "' must not have a query or a fragment");
        }
        return url;
    }

    private static int range(Integer value, int fallback, int min, int max, String field) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw ParleyException.invalidField(field, "'" + field + "' must be between " + min + " and " + max);
        }
        return v;
    }
}
