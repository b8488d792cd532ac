package io.parley.server.credential;

import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies of the credential routes; {@code toString} never shows a value. */
public final class CredentialRequests {
    private CredentialRequests() {
    }

    /** {@code value}: text for api_key and oauth2_token, {username, password} for basic_auth, an object for custom. */
    public record CreateCredentialRequest(String name, String type, JsonNode value, String workspaceId) {
        @Override
        public String toString() {
            return "CreateCredentialRequest[name=" + name + ", type=" + type + ", value=***]";
        }
    }

    /** Either or both: a new name, a new value (of the credential's type). */
    public record UpdateCredentialRequest(String name, JsonNode value) {
        @Override
        public String toString() {
            return "UpdateCredentialRequest[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
        }
    }
}
