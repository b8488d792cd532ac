package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static io.parley.server.api.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

/** Workspace API keys: issued once, usable as a bearer token or X-API-Key, confined to their workspace. */
@DisplayName("API keys")
class ApiKeysTest {

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A created key: its id and the full secret shown once. */
    record Key(String id, String secret, JsonNode created) {
    }

    static Key createKey(Account owner, String workspaceId, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "key for " + role);
        body.put("role", role);
        if (workspaceId != null) {
            body.put("workspace_id", workspaceId);
        }
        JsonNode created = assertStatus(server.post("/api/v1/api-keys", owner.accessToken(), body), 201);
        return new Key(created.path("id").asText(), created.path("key").asText(), created);
    }

    static JsonNode listedKey(Account owner, String workspaceId, String keyId) {
        JsonNode keys = assertStatus(server.get("/api/v1/api-keys?workspace_id=" + workspaceId, owner.accessToken()),
                200).path("api_keys");
        for (JsonNode k : keys) {
            if (k.path("id").asText().equals(keyId)) {
                return k;
            }
        }
        throw new AssertionError("key " + keyId + " is not listed in " + keys);
    }

    static Response withApiKeyHeader(String method, String path, String key, Object body) {
        return server.send(method, path, null, body, "X-API-Key", key);
    }

    @Test
    @DisplayName("create shows the secret once in 'key'; the list never shows it again")
    void secretIsShownOnce() {
        Account a = server.signup("Key Creator");

        Response created = server.post("/api/v1/api-keys", a.accessToken(), Map.of("name", "ci"));

        JsonNode key = assertStatus(created, 201);
        String secret = key.path("key").asText();
        assertThat(secret).matches("pk_[A-Za-z0-9]{12}_[A-Za-z0-9]{43}");
        assertThat(secret).startsWith(key.path("prefix").asText() + "_");
        assertThat(key.path("name").asText()).isEqualTo("ci");
        assertThat(key.path("role").asText()).isEqualTo("editor");
        assertThat(key.path("workspace_id").asText()).isEqualTo(a.workspaceId());
        assertThat(key.path("last_used_at").isNull()).isTrue();
        assertThat(key.path("revoked_at").isNull()).isTrue();

        Response list = server.get("/api/v1/api-keys", a.accessToken());
        JsonNode listed = assertStatus(list, 200).path("api_keys");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(listed.get(0).path("prefix").asText()).isEqualTo(key.path("prefix").asText());
        String secretPart = secret.substring(secret.lastIndexOf('_') + 1);
        assertThat(list.body()).doesNotContain(secretPart);
        assertThat(list.body()).doesNotContain("secret_hash");
    }

    @Test
    @DisplayName("a key works as 'Authorization: Bearer pk_…' and as 'X-API-Key', and records last_used_at")
    void keyAuthenticatesBothWays() {
        Account a = server.signup("Key User");
        Key key = createKey(a, null, "editor");
        assertThat(listedKey(a, a.workspaceId(), key.id()).path("last_used_at").isNull()).isTrue();

        JsonNode viaBearer = assertStatus(server.get("/api/v1/workspaces/" + a.workspaceId(), key.secret()), 200);
        assertThat(viaBearer.path("id").asText()).isEqualTo(a.workspaceId());
        assertThat(viaBearer.path("role").asText()).isEqualTo("editor");
        assertStatus(withApiKeyHeader("GET", "/api/v1/workspaces/" + a.workspaceId(), key.secret(), null), 200);

        assertThat(listedKey(a, a.workspaceId(), key.id()).path("last_used_at").asText()).isNotBlank();
    }

    @Test
    @DisplayName("a key is confined to its workspace: other workspaces, even in the same organization, are 404")
    void keyIsScopedToItsWorkspace() {
        Account a = server.signup("Scoped Key");
        Account stranger = server.signup("Key Stranger");
        String sibling = assertStatus(server.post("/api/v1/orgs/" + a.organizationId() + "/workspaces",
                a.accessToken(), Map.of("name", "Sibling")), 201).path("id").asText();
        Key key = createKey(a, a.workspaceId(), "admin");

        for (String other : new String[] {sibling, stranger.workspaceId()}) {
            assertError(server.get("/api/v1/workspaces/" + other, key.secret()), 404, "not_found");
            assertError(server.get("/api/v1/workspaces/" + other + "/members", key.secret()), 404, "not_found");
            assertError(server.patch("/api/v1/workspaces/" + other, key.secret(), Map.of("name", "x")), 404,
                    "not_found");
            assertError(server.get("/api/v1/api-keys?workspace_id=" + other, key.secret()), 404, "not_found");
            assertError(server.post("/api/v1/api-keys", key.secret(), Map.of("name", "x", "workspace_id", other)),
                    404, "not_found");
            assertError(withApiKeyHeader("GET", "/api/v1/workspaces/" + other, key.secret(), null), 404, "not_found");
        }
        assertThat(assertStatus(server.get("/api/v1/workspaces/" + sibling, a.accessToken()), 200)
                .path("name").asText()).isEqualTo("Sibling");
    }

    @Test
    @DisplayName("a key cannot reach organization routes or auth/me (403), whatever its role")
    void keyCannotActAsAPerson() {
        Account a = server.signup("Org Key");
        Key key = createKey(a, null, "admin");

        assertError(server.get("/api/v1/auth/me", key.secret()), 403, "forbidden");
        assertError(server.get("/api/v1/orgs", key.secret()), 403, "forbidden");
        assertError(server.post("/api/v1/orgs", key.secret(), Map.of("name", "Key Org")), 403, "forbidden");
        assertError(server.get("/api/v1/orgs/" + a.organizationId(), key.secret()), 403, "forbidden");
        assertError(server.patch("/api/v1/orgs/" + a.organizationId(), key.secret(), Map.of("name", "x")), 403,
                "forbidden");
        assertError(server.delete("/api/v1/orgs/" + a.organizationId(), key.secret()), 403, "forbidden");
        assertError(server.get("/api/v1/orgs/" + a.organizationId() + "/members", key.secret()), 403, "forbidden");
        assertError(server.post("/api/v1/orgs/" + a.organizationId() + "/workspaces", key.secret(),
                Map.of("name", "x")), 403, "forbidden");
        assertError(withApiKeyHeader("GET", "/api/v1/auth/me", key.secret(), null), 403, "forbidden");
        assertError(server.delete("/api/v1/workspaces/" + a.workspaceId(), key.secret()), 403, "forbidden");
        assertThat(assertStatus(server.get("/api/v1/orgs/" + a.organizationId(), a.accessToken()), 200)
                .path("name").asText()).isEqualTo("Personal");
    }

    @Test
    @DisplayName("editor and viewer keys cannot list, create or revoke keys (403); an admin key can")
    void onlyAdminKeysManageKeys() {
        Account a = server.signup("Key Manager");
        Key admin = createKey(a, null, "admin");
        Key editor = createKey(a, null, "editor");
        Key viewer = createKey(a, null, "viewer");

        for (Key weak : new Key[] {editor, viewer}) {
            assertError(server.get("/api/v1/api-keys", weak.secret()), 403, "forbidden");
            assertError(server.post("/api/v1/api-keys", weak.secret(), Map.of("name", "more")), 403, "forbidden");
            assertError(server.delete("/api/v1/api-keys/" + admin.id(), weak.secret()), 403, "forbidden");
        }
        assertStatus(server.get("/api/v1/workspaces/" + a.workspaceId(), admin.secret()), 200);

        assertThat(assertStatus(server.get("/api/v1/api-keys", admin.secret()), 200).path("api_keys")).hasSize(3);
        JsonNode minted = assertStatus(server.post("/api/v1/api-keys", admin.secret(),
                Map.of("name", "minted by key", "role", "viewer")), 201);
        assertThat(minted.path("workspace_id").asText()).isEqualTo(a.workspaceId());
        assertError(server.post("/api/v1/api-keys", admin.secret(), Map.of("name", "owner key", "role", "owner")),
                400, "invalid_field");
        assertError(server.patch("/api/v1/workspaces/" + a.workspaceId(), viewer.secret(), Map.of("name", "x")),
                403, "forbidden");
    }

    @Test
    @DisplayName("revoking makes the key answer 401 key_revoked, both ways of sending it")
    void revokedKeyIsRefused() {
        Account a = server.signup("Key Revoker");
        Key key = createKey(a, null, "editor");
        assertStatus(server.get("/api/v1/workspaces/" + a.workspaceId(), key.secret()), 200);

        assertThat(server.delete("/api/v1/api-keys/" + key.id(), a.accessToken()).status()).isEqualTo(204);

        assertUnauthorized(server.get("/api/v1/workspaces/" + a.workspaceId(), key.secret()), "key_revoked");
        assertUnauthorized(withApiKeyHeader("GET", "/api/v1/workspaces/" + a.workspaceId(), key.secret(), null),
                "key_revoked");
        assertThat(listedKey(a, a.workspaceId(), key.id()).path("revoked_at").asText()).isNotBlank();
    }

    @Test
    @DisplayName("a wrong secret behind a real prefix, or a made-up key, is 401 and does not touch last_used_at")
    void wrongSecretIsRefused() {
        Account a = server.signup("Key Guesser");
        Key key = createKey(a, null, "editor");
        String prefix = key.created().path("prefix").asText();

        assertUnauthorized(server.get("/api/v1/workspaces/" + a.workspaceId(), prefix + "_" + "x".repeat(43)),
                "unauthorized");
        assertUnauthorized(withApiKeyHeader("GET", "/api/v1/workspaces/" + a.workspaceId(), prefix, null),
                "unauthorized");
        assertUnauthorized(withApiKeyHeader("GET", "/api/v1/workspaces/" + a.workspaceId(),
                "pk_AAAAAAAAAAAA_" + "b".repeat(43), null), "unauthorized");
        assertUnauthorized(withApiKeyHeader("GET", "/api/v1/workspaces/" + a.workspaceId(), a.accessToken(), null),
                "unauthorized");
        assertThat(listedKey(a, a.workspaceId(), key.id()).path("last_used_at").isNull()).isTrue();
    }

    @Test
    @DisplayName("key requests are validated: name required, role must exist and not be owner, not above the caller")
    void createValidation() {
        Account owner = server.signup("Key Validator");
        Account viewer = server.signup("Key Viewer");
        assertStatus(server.post("/api/v1/orgs/" + owner.organizationId() + "/members", owner.accessToken(),
                Map.of("email", viewer.email(), "role", "viewer")), 201);

        assertError(server.post("/api/v1/api-keys", owner.accessToken(), Map.of("role", "editor")), 400,
                "invalid_field");
        assertError(server.post("/api/v1/api-keys", owner.accessToken(), Map.of("name", "x", "role", "root")), 400,
                "invalid_field");
        assertError(server.post("/api/v1/api-keys", owner.accessToken(), Map.of("name", "x", "role", "owner")), 400,
                "invalid_field");
        assertError(server.post("/api/v1/api-keys", owner.accessToken(), Map.of("name", "x",
                "workspace_id", "not-a-workspace")), 404, "not_found");
        // a viewer of the workspace is not an admin there: no keys at all
        assertError(server.post("/api/v1/api-keys", viewer.accessToken(), Map.of("name", "x",
                "workspace_id", owner.workspaceId(), "role", "viewer")), 403, "forbidden");
        assertError(server.get("/api/v1/api-keys?workspace_id=" + owner.workspaceId(), viewer.accessToken()), 403,
                "forbidden");
        assertError(server.delete("/api/v1/api-keys/not-a-key", owner.accessToken()), 404, "not_found");
        assertError(server.delete("/api/v1/api-keys/" + java.util.UUID.randomUUID(), owner.accessToken()), 404,
                "not_found");
    }

    @Test
    @DisplayName("the workspace may also be named as ?workspace_id= when creating a key")
    void workspaceFromQuery() {
        Account a = server.signup("Query Key");
        String other = assertStatus(server.post("/api/v1/orgs/" + a.organizationId() + "/workspaces",
                a.accessToken(), Map.of("name", "Other")), 201).path("id").asText();

        JsonNode key = assertStatus(server.post("/api/v1/api-keys?workspace_id=" + other, a.accessToken(),
                Map.of("name", "q")), 201);

        assertThat(key.path("workspace_id").asText()).isEqualTo(other);
        assertStatus(server.get("/api/v1/workspaces/" + other, key.path("key").asText()), 200);
        assertError(server.get("/api/v1/workspaces/" + a.workspaceId(), key.path("key").asText()), 404, "not_found");
    }
}
