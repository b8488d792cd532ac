package io.parley.server.tenancy;

import java.util.Objects;

/**
 * Who is calling: a signed-in user, the embedded studio's local owner, or an API key. An API key
 * acts only inside its own workspace, with the role it was issued with.
 */
public record Principal(Kind kind, String userId, String apiKeyId, String apiKeyWorkspaceId, Role apiKeyRole) {

    public enum Kind { USER, API_KEY }

    public Principal {
        Objects.requireNonNull(kind);
        if (kind == Kind.USER) {
            Objects.requireNonNull(userId, "userId");
        } else {
            Objects.requireNonNull(apiKeyId, "apiKeyId");
            Objects.requireNonNull(apiKeyWorkspaceId, "apiKeyWorkspaceId");
            Objects.requireNonNull(apiKeyRole, "apiKeyRole");
        }
    }

    public static Principal user(String userId) {
        return new Principal(Kind.USER, userId, null, null, null);
    }

    public static Principal apiKey(String keyId, String workspaceId, Role role) {
        return new Principal(Kind.API_KEY, null, keyId, workspaceId, role);
    }

    public boolean isApiKey() {
        return kind == Kind.API_KEY;
    }

    /** For the access log: ids only, never a secret. */
    public String describe() {
        return isApiKey() ? "api_key:" + apiKeyId : "user:" + userId;
    }
}
