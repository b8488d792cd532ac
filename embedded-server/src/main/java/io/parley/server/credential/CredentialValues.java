package io.parley.server.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a credential's {@code value} from a request (a string for {@code api_key} and
 * {@code oauth2_token}, {@code {username, password}} for {@code basic_auth}, an object of strings
 * for {@code custom}) with 400s that name the field, and turns secrets into the bytes that are
 * encrypted and back. Error messages never quote the value.
 */
final class CredentialValues {

    static final int MAX_SECRET_LENGTH = 8192;
    static final int MAX_CUSTOM_FIELDS = 50;
    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private CredentialValues() {
    }

    /** Checks only the JSON shape, before anything else is read: a string or an object. */
    static void checkShape(JsonNode value, String field) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            throw ParleyException.invalidField(field, "'" + field + "' is required");
        }
        if (!value.isTextual() && !value.isObject()) {
            throw ParleyException.invalidField(field, "Field '" + field
                    + "' has the wrong type (expected text, or an object for basic_auth and custom)");
        }
    }

    static CredentialSecret parse(CredentialType type, JsonNode value, String field) {
        checkShape(value, field);
        return switch (type) {
            case API_KEY -> new CredentialSecret.ApiKey(token(value, field));
            case OAUTH2_TOKEN -> new CredentialSecret.OAuth2Token(token(value, field));
            case BASIC_AUTH -> basicAuth(value, field);
            case CUSTOM -> custom(value, field);
        };
    }

    private static String token(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw ParleyException.invalidField(field, "Field '" + field + "' must be text (the key or token)");
        }
        String token = value.asText().strip();
        if (token.isEmpty()) {
            throw ParleyException.invalidField(field, "'" + field + "' is required");
        }
        checkLength(field, token);
        if (token.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw ParleyException.invalidField(field, "'" + field + "' must not contain spaces or control characters");
        }
        return token;
    }

    private static CredentialSecret basicAuth(JsonNode value, String field) {
        if (!value.isObject()) {
            throw ParleyException.invalidField(field, "Field '" + field + "' must be an object {username, password}");
        }
        String username = text(value.get("username"), field + ".username");
        if (username.isBlank()) {
            throw ParleyException.invalidField(field + ".username", "'" + field + ".username' is required");
        }
        if (username.chars().anyMatch(c -> Character.isISOControl(c) || c == ':')) {
            throw ParleyException.invalidField(field + ".username",
                    "'" + field + ".username' must not contain ':' or control characters");
        }
        String password = text(value.get("password"), field + ".password");
        if (password.isEmpty()) {
            throw ParleyException.invalidField(field + ".password", "'" + field + ".password' is required");
        }
        return new CredentialSecret.BasicAuth(username.strip(), password);
    }

    private static CredentialSecret custom(JsonNode value, String field) {
        if (!value.isObject()) {
            throw ParleyException.invalidField(field, "Field '" + field + "' must be an object of text values");
        }
        if (value.isEmpty() || value.size() > MAX_CUSTOM_FIELDS) {
            throw ParleyException.invalidField(field, "'" + field + "' must have between 1 and " + MAX_CUSTOM_FIELDS
                    + " fields");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!CUSTOM_NAME.matcher(entry.getKey()).matches()) {
                throw ParleyException.invalidField(field, "The field names of '" + field
                        + "' must be 1 to 100 letters, digits, '_', '.' or '-'");
            }
            String path = field + "." + entry.getKey();
            values.put(entry.getKey(), text(entry.getValue(), path));
        }
        return new CredentialSecret.Custom(values);
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ParleyException.invalidField(field, "'" + field + "' is required");
        }
        if (!node.isTextual()) {
            throw ParleyException.invalidField(field, "Field '" + field + "' has the wrong type (expected text)");
        }
        checkLength(field, node.asText());
        return node.asText();
    }

    private static void checkLength(String field, String value) {
        if (value.length() > MAX_SECRET_LENGTH) {
            throw ParleyException.invalidField(field, "'" + field + "' must be at most " + MAX_SECRET_LENGTH
                    + " characters");
        }
    }

    // --- the encrypted form ----------------------------------------------------------------

    static byte[] plaintext(CredentialSecret secret) {
        return toJson(secret).getBytes(StandardCharsets.UTF_8);
    }

    static String toJson(CredentialSecret secret) {
        ObjectNode node = Json.mapper().createObjectNode();
        switch (secret) {
            case CredentialSecret.ApiKey k -> node.put("key", k.key());
            case CredentialSecret.OAuth2Token t -> node.put("token", t.token());
            case CredentialSecret.BasicAuth b -> node.put("username", b.username()).put("password", b.password());
            case CredentialSecret.Custom c -> c.values().forEach(node::put);
        }
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a credential", e); // no cause detail: it holds the secret
        }
    }

    static CredentialSecret fromPlaintext(CredentialType type, byte[] plaintext) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(plaintext);
        } catch (IOException e) {
            throw new IllegalStateException("a decrypted credential is not JSON");
        }
        return switch (type) {
            case API_KEY -> new CredentialSecret.ApiKey(node.path("key").asText());
            case OAUTH2_TOKEN -> new CredentialSecret.OAuth2Token(node.path("token").asText());
            case BASIC_AUTH -> new CredentialSecret.BasicAuth(node.path("username").asText(),
                    node.path("password").asText());
            case CUSTOM -> {
                Map<String, String> values = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
                yield new CredentialSecret.Custom(values);
            }
        };
    }
}
