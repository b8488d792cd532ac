package io.parley.server.credential;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A decrypted credential, for the code that uses it (never for a response). Every {@code toString}
 * hides the secret parts, so one that reaches a log or an exception message shows nothing.
 *
 * <pre>{@code
 * if (credentials.revealSecret(workspaceId, id, "chat") instanceof CredentialSecret.ApiKey key) {
 *     request.header("Authorization", "Bearer " + key.key());
 * }
 * }</pre>
 */
public sealed interface CredentialSecret {

    CredentialType type();

    /** The secret as one string: the key or token; {@code user:password} for basic auth; JSON for custom. */
    String asText();

    record ApiKey(String key) implements CredentialSecret {
        public ApiKey {
            Objects.requireNonNull(key);
        }

        @Override
        public CredentialType type() {
            return CredentialType.API_KEY;
        }

        @Override
        public String asText() {
            return key;
        }

        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }

    record OAuth2Token(String token) implements CredentialSecret {
        public OAuth2Token {
            Objects.requireNonNull(token);
        }

        @Override
        public CredentialType type() {
            return CredentialType.OAUTH2_TOKEN;
        }

        @Override
        public String asText() {
            return token;
        }

        @Override
        public String toString() {
            return "OAuth2Token[***]";
        }
    }

    record BasicAuth(String username, String password) implements CredentialSecret {
        public BasicAuth {
            Objects.requireNonNull(username);
            Objects.requireNonNull(password);
        }

        @Override
        public CredentialType type() {
            return CredentialType.BASIC_AUTH;
        }

        @Override
        public String asText() {
            return username + ":" + password;
        }

        @Override
        public String toString() {
            return "BasicAuth[***]";
        }
    }

    record Custom(Map<String, String> values) implements CredentialSecret {
        public Custom {
            values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        }

        @Override
        public CredentialType type() {
            return CredentialType.CUSTOM;
        }

        @Override
        public String asText() {
            return CredentialValues.toJson(this);
        }

        @Override
        public String toString() {
            return "Custom[fields=" + values.keySet() + ", values=***]";
        }
    }
}
