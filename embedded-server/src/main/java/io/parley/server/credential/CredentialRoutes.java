package io.parley.server.credential;

import io.parley.server.credential.CredentialRequests.CreateCredentialRequest;
import io.parley.server.credential.CredentialRequests.UpdateCredentialRequest;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;

import java.util.Map;
import java.util.Optional;

import static io.parley.server.http.Access.AUTHENTICATED;

/** Workspace credentials. Handlers only parse and delegate; no answer ever carries a value. */
public final class CredentialRoutes {

    private final CredentialService credentials;

    CredentialRoutes(CredentialService credentials) {
        this.credentials = credentials;
    }

    public void register(ApiRoutes api) {
        api.tagged("credentials")
                .get("/credentials", AUTHENTICATED, "List a workspace's credentials, without values (?workspace_id=)",
                        this::list)
                .post("/credentials", AUTHENTICATED, "Store a credential, encrypted: {name, type: api_key|basic_auth|"
                        + "oauth2_token|custom, value}; the value is never shown again",
                        CreateCredentialRequest.class, this::create)
                .post("/credentials/rotate-key", AUTHENTICATED, "Server administrator: add a new encryption key "
                        + "and re-encrypt every credential with it", null, this::rotate)
                .get("/credentials/{credential_id}", AUTHENTICATED, "A credential, without its value", this::get)
                .patch("/credentials/{credential_id}", AUTHENTICATED, "Rename a credential or replace its value",
                        UpdateCredentialRequest.class, this::update)
                .delete("/credentials/{credential_id}", AUTHENTICATED, "Delete a credential", this::delete);
    }

    private Object list(ApiRequest req) {
        return Map.of("credentials", credentials.list(req.principal(), req.query("workspace_id")));
    }

    private Object create(ApiRequest req) {
        CreateCredentialRequest body = req.body(CreateCredentialRequest.class);
        return Reply.created(credentials.create(req.principal(),
                Optional.ofNullable(body.workspaceId()).filter(s -> !s.isBlank()).or(() -> req.query("workspace_id")),
                body.name(), body.type(), body.value()));
    }

    private Object rotate(ApiRequest req) {
        return credentials.rotateKey(req.principal());
    }

    private Object get(ApiRequest req) {
        return credentials.get(req.principal(), req.path("credential_id"));
    }

    private Object update(ApiRequest req) {
        UpdateCredentialRequest body = req.body(UpdateCredentialRequest.class);
        return credentials.update(req.principal(), req.path("credential_id"), body.name(), body.value());
    }

    private Object delete(ApiRequest req) {
        credentials.delete(req.principal(), req.path("credential_id"));
        return Reply.noContent();
    }
}
