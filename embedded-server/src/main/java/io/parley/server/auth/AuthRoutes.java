package io.parley.server.auth;

import io.parley.server.auth.AuthRequests.CreateApiKeyRequest;
import io.parley.server.auth.AuthRequests.LoginRequest;
import io.parley.server.auth.AuthRequests.RefreshRequest;
import io.parley.server.auth.AuthRequests.SignupRequest;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;

import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;
import static io.parley.server.http.Access.PUBLIC;

/** Sign-up, login, refresh, "me", and API keys. Handlers only parse and delegate. */
public final class AuthRoutes {

    private final AuthService auth;
    private final ApiKeyService apiKeys;

    AuthRoutes(AuthService auth, ApiKeyService apiKeys) {
        this.auth = auth;
        this.apiKeys = apiKeys;
    }

    public void register(ApiRoutes api) {
        api.tagged("auth")
                .post("/auth/signup", PUBLIC, "Create an account (with a Personal organization and Default workspace)",
                        SignupRequest.class, this::signup)
                .post("/auth/login", PUBLIC, "Sign in with email and password", LoginRequest.class, this::login)
                .post("/auth/refresh", PUBLIC, "Trade a refresh token for new tokens", RefreshRequest.class,
                        this::refresh)
                .get("/auth/me", AUTHENTICATED, "The signed-in user and their default workspace", this::me);
        api.tagged("api-keys")
                .get("/api-keys", AUTHENTICATED, "List a workspace's API keys (?workspace_id=)", this::listKeys)
                .post("/api-keys", AUTHENTICATED, "Issue an API key; the secret is shown once",
                        CreateApiKeyRequest.class, this::createKey)
                .delete("/api-keys/{key_id}", AUTHENTICATED, "Revoke an API key", this::revokeKey);
    }

    private Object signup(ApiRequest req) {
        SignupRequest body = req.body(SignupRequest.class);
        return Reply.created(auth.signup(body.email(), body.password(), body.name()));
    }

    private Object login(ApiRequest req) {
        LoginRequest body = req.body(LoginRequest.class);
        return auth.login(body.email(), body.password());
    }

    private Object refresh(ApiRequest req) {
        return auth.refresh(req.body(RefreshRequest.class).refreshToken());
    }

    private Object me(ApiRequest req) {
        return auth.me(req.principal());
    }

    private Object listKeys(ApiRequest req) {
        return Map.of("api_keys", apiKeys.list(req.principal(), req.query("workspace_id")));
    }

    private Object createKey(ApiRequest req) {
        CreateApiKeyRequest body = req.body(CreateApiKeyRequest.class);
        return Reply.created(apiKeys.create(req.principal(), body.name(),
                java.util.Optional.ofNullable(body.workspaceId()).filter(s -> !s.isBlank())
                        .or(() -> req.query("workspace_id")),
                body.role()));
    }

    private Object revokeKey(ApiRequest req) {
        apiKeys.revoke(req.principal(), req.path("key_id"));
        return Reply.noContent();
    }
}
