package io.parley.server.credential;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.config.ParleyConfig;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.TenancyStore;
import io.parley.server.testing.Tenants;
import io.parley.server.testing.Tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The credential store on a real database (H2 and PostgreSQL subclasses): values are encrypted,
 * bound to their row, survive a key rotation, are audited when revealed, and stay in their workspace.
 */
abstract class CredentialServiceContract {

    static final String SECRET = "sk-test-" + UUID.randomUUID();

    @TempDir
    Path dataDir;
    Database db;
    CredentialService credentials;
    Tenant a;
    Tenant b;
    boolean adminCheck = true;

    abstract DatabaseSettings settings(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(settings(dataDir));
        AccessPolicy policy = new AccessPolicy(new TenancyStore(db));
        credentials = new CredentialModule(ParleyConfig.embedded(dataDir), db, policy, p -> adminCheck,
                Clock.system(), Optional.empty()).service();
        a = Tenants.create(db, "Alice");
        b = Tenants.create(db, "Bob");
    }

    @AfterEach
    void close() {
        db.close();
    }

    CredentialView apiKey(Tenant t, String name, String value) {
        return credentials.create(t.principal(), Optional.of(t.workspaceId()), name, "api_key", text(value));
    }

    static JsonNode text(String value) {
        return Json.mapper().getNodeFactory().textNode(value);
    }

    static JsonNode json(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    byte[] ciphertextOf(String id) {
        return db.execute().get("SELECT ciphertext FROM credentials WHERE id = ?", id)
                .map(r -> (byte[]) Rows.raw(r, "ciphertext")).orElseThrow();
    }

    long keyIdOf(String id) {
        return db.execute().get("SELECT key_id FROM credentials WHERE id = ?", id)
                .map(r -> Rows.number(r, "key_id")).orElseThrow();
    }

    List<String> auditOf(String id) {
        return db.execute().query("SELECT action, purpose FROM credential_audit WHERE credential_id = ? ORDER BY at, id",
                id).map(r -> Rows.string(r, "action") + ":" + Rows.string(r, "purpose")).toList();
    }

    static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ParleyException.class, e -> {
            assertThat(e.kind()).isEqualTo(ParleyException.Kind.INVALID_INPUT);
            assertThat(e.details()).containsEntry("field", field);
        });
    }

    @Test
    @DisplayName("every type round-trips through encryption; the view never holds the value")
    void roundTrip() {
        CredentialView key = apiKey(a, "OpenAI", "  " + SECRET + " ");
        CredentialView token = credentials.create(a.principal(), Optional.empty(), "Token", "oauth2_token",
                text("ya29.token"));
        CredentialView basic = credentials.create(a.principal(), Optional.empty(), "Basic", "basic_auth",
                json("{\"username\": \"ada\", \"password\": \" pass word \"}"));
        CredentialView custom = credentials.create(a.principal(), Optional.empty(), "Custom", "custom",
                json("{\"client_id\": \"abc\", \"client_secret\": \"xyz\"}"));

        assertThat(credentials.reveal(a.workspaceId(), key.id(), "test")).isEqualTo(SECRET);
        assertThat(credentials.revealSecret(a.workspaceId(), token.id(), "test"))
                .isEqualTo(new CredentialSecret.OAuth2Token("ya29.token"));
        assertThat(credentials.revealSecret(a.workspaceId(), basic.id(), "test"))
                .isEqualTo(new CredentialSecret.BasicAuth("ada", " pass word "));
        assertThat(credentials.reveal(a.workspaceId(), basic.id(), "test")).isEqualTo("ada: pass word ");
        assertThat(credentials.revealSecret(a.workspaceId(), custom.id(), "test"))
                .isEqualTo(new CredentialSecret.Custom(Map.of("client_id", "abc", "client_secret", "xyz")));
        assertThat(key.toString()).doesNotContain(SECRET);
        assertThat(credentials.revealSecret(a.workspaceId(), key.id(), "test").toString()).doesNotContain(SECRET);
        assertThat(credentials.revealSecret(a.workspaceId(), basic.id(), "test").toString()).doesNotContain("pass");
        assertThat(credentials.list(a.principal(), Optional.empty())).extracting(CredentialView::name)
                .containsExactly("Basic", "Custom", "OpenAI", "Token");
        assertThat(key.type()).isEqualTo("api_key");
        assertThat(key.workspaceId()).isEqualTo(a.workspaceId());
    }

    @Test
    @DisplayName("the database holds only ciphertext: no cell of the row contains the value")
    void ciphertextOnly() {
        CredentialView key = apiKey(a, "OpenAI", SECRET);
        byte[] ciphertext = ciphertextOf(key.id());
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET)
                .doesNotContain(SECRET.substring(8));
        assertThat(ciphertext.length).isGreaterThan(SECRET.length() + 16); // prefix + nonce + tag
        List<String> cells = db.execute().query("SELECT * FROM credentials").flatMap(r -> {
            java.util.List<String> values = new java.util.ArrayList<>();
            r.forEach(c -> values.add(String.valueOf(c.get(Object.class))));
            return values.stream();
        }).toList();
        assertThat(cells).noneMatch(c -> c.contains(SECRET));
    }

    @Test
    @DisplayName("a ciphertext moved to another row (or another workspace) does not decrypt, and says so")
    void associatedDataBindsRows() {
        CredentialView first = apiKey(a, "First", SECRET);
        CredentialView second = apiKey(a, "Second", "sk-other-secret");
        byte[] one = ciphertextOf(first.id());
        byte[] two = ciphertextOf(second.id());
        db.execute().update("UPDATE credentials SET ciphertext = ? WHERE id = ?", two, first.id());
        db.execute().update("UPDATE credentials SET ciphertext = ? WHERE id = ?", one, second.id());

        for (CredentialView swapped : List.of(first, second)) {
            assertThatThrownBy(() -> credentials.reveal(a.workspaceId(), swapped.id(), "chat"))
                    .isInstanceOfSatisfying(ParleyException.class, e -> {
                        assertThat(e.code()).isEqualTo("credential_unreadable");
                        assertThat(e.kind()).isEqualTo(ParleyException.Kind.CONFLICT);
                        assertThat(e.getMessage()).contains(swapped.name()).doesNotContain(SECRET);
                    });
        }
        assertThat(auditOf(first.id())).as("a failed reveal is no use").noneMatch(s -> s.startsWith("revealed"));

        // put it back, then move the row to B's workspace: the workspace is bound too
        db.execute().update("UPDATE credentials SET ciphertext = ? WHERE id = ?", one, first.id());
        assertThat(credentials.reveal(a.workspaceId(), first.id(), "chat")).isEqualTo(SECRET);
        db.execute().update("UPDATE credentials SET workspace_id = ? WHERE id = ?", b.workspaceId(), first.id());
        assertThatThrownBy(() -> credentials.reveal(b.workspaceId(), first.id(), "chat"))
                .isInstanceOfSatisfying(ParleyException.class,
                        e -> assertThat(e.code()).isEqualTo("credential_unreadable"));
    }

    @Test
    @DisplayName("key rotation re-encrypts every credential with the new key; older ciphertexts still decrypt")
    void rotation() {
        CredentialView first = apiKey(a, "First", SECRET);
        CredentialView second = apiKey(b, "Second", "sk-bob");
        long oldKey = keyIdOf(first.id());
        byte[] oldCiphertext = ciphertextOf(first.id());

        CredentialService.Rotation rotation = credentials.rotateKey(a.principal());

        assertThat(rotation.keyId()).isNotEqualTo(oldKey);
        assertThat(rotation.keys()).isEqualTo(2);
        assertThat(rotation.reEncrypted()).isEqualTo(2);
        assertThat(rotation.unreadable()).isZero();
        assertThat(keyIdOf(first.id())).isEqualTo(rotation.keyId());
        assertThat(keyIdOf(second.id())).isEqualTo(rotation.keyId());
        assertThat(ciphertextOf(first.id())).isNotEqualTo(oldCiphertext);
        assertThat(credentials.reveal(a.workspaceId(), first.id(), "chat")).isEqualTo(SECRET);
        assertThat(credentials.reveal(b.workspaceId(), second.id(), "chat")).isEqualTo("sk-bob");
        assertThat(auditOf(first.id())).contains("re_encrypted:key rotation");

        // a ciphertext made by the old key (a backup restored, a rotation cut short) still decrypts
        db.execute().update("UPDATE credentials SET ciphertext = ?, key_id = ? WHERE id = ?", oldCiphertext, oldKey,
                first.id());
        assertThat(credentials.reveal(a.workspaceId(), first.id(), "chat")).isEqualTo(SECRET);
        assertThat(credentials.rotateKey().reEncrypted()).as("only rows under an older key").isEqualTo(2);

        adminCheck = false;
        assertThatThrownBy(() -> credentials.rotateKey(a.principal())).isInstanceOfSatisfying(ParleyException.class,
                e -> assertThat(e.kind()).isEqualTo(ParleyException.Kind.FORBIDDEN));
    }

    @Test
    @DisplayName("each reveal counts a use and writes an audit row with its purpose")
    void auditPerReveal() {
        CredentialView key = apiKey(a, "OpenAI", SECRET);
        assertThat(key.usageCount()).isZero();
        assertThat(key.lastUsedAt()).isNull();
        credentials.reveal(a.workspaceId(), key.id(), "chat");
        credentials.reveal(a.workspaceId(), key.id(), "test_connection");
        credentials.reveal(a.workspaceId(), key.id(), "chat");

        CredentialView after = credentials.get(a.principal(), key.id());
        assertThat(after.usageCount()).isEqualTo(3);
        assertThat(after.lastUsedAt()).isNotNull();
        assertThat(auditOf(key.id())).containsExactly("created:null", "revealed:chat", "revealed:test_connection",
                "revealed:chat");
        assertField(() -> credentials.reveal(a.workspaceId(), key.id(), " "), "purpose");
    }

    @Test
    @DisplayName("another tenant's credential is not found, by id or by reveal; roles are checked")
    void tenantIsolation() {
        CredentialView key = apiKey(a, "OpenAI", SECRET);
        for (Runnable attempt : List.<Runnable>of(
                () -> credentials.get(b.principal(), key.id()),
                () -> credentials.update(b.principal(), key.id(), "Mine", null),
                () -> credentials.delete(b.principal(), key.id()),
                () -> credentials.reveal(b.workspaceId(), key.id(), "chat"),
                () -> credentials.list(b.principal(), Optional.of(a.workspaceId())),
                () -> credentials.create(b.principal(), Optional.of(a.workspaceId()), "x", "api_key", text("k")))) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.kind()).isEqualTo(ParleyException.Kind.NOT_FOUND));
        }
        assertThat(credentials.list(b.principal(), Optional.empty())).isEmpty();
        assertThat(credentials.find(b.workspaceId(), key.id())).isEmpty();
        assertThat(credentials.find(a.workspaceId(), key.id())).isPresent();

        Principal viewer = Tenants.member(db, a.workspaceId(), Role.VIEWER);
        Principal editor = Tenants.member(db, a.workspaceId(), Role.EDITOR);
        assertThat(credentials.list(editor, Optional.of(a.workspaceId()))).hasSize(1);
        assertThatThrownBy(() -> credentials.list(viewer, Optional.of(a.workspaceId())))
                .isInstanceOfSatisfying(ParleyException.class,
                        e -> assertThat(e.kind()).isEqualTo(ParleyException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> credentials.delete(editor, key.id())).isInstanceOfSatisfying(ParleyException.class,
                e -> assertThat(e.kind()).isEqualTo(ParleyException.Kind.FORBIDDEN));
        assertThat(credentials.reveal(a.workspaceId(), key.id(), "chat")).isEqualTo(SECRET);
    }

    @Test
    @DisplayName("rename, replace the value, delete; names are unique per workspace; a change is announced")
    void updateAndDelete() {
        List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
        credentials.onChange(changed::add);
        CredentialView key = apiKey(a, "OpenAI", SECRET);
        apiKey(a, "Other", "sk-2");
        apiKey(b, "OpenAI", "sk-b"); // the same name in another workspace is fine

        CredentialView renamed = credentials.update(a.principal(), key.id(), "OpenAI prod", null);
        assertThat(renamed.name()).isEqualTo("OpenAI prod");
        assertThat(changed).as("a rename changes no value").isEmpty();
        credentials.update(a.principal(), key.id(), null, text("sk-new"));
        assertThat(credentials.reveal(a.workspaceId(), key.id(), "chat")).isEqualTo("sk-new");
        assertThat(changed).containsExactly(key.id());

        assertThatThrownBy(() -> credentials.update(a.principal(), key.id(), "Other", null))
                .isInstanceOfSatisfying(ParleyException.class,
                        e -> assertThat(e.code()).isEqualTo("credential_name_taken"));
        assertThatThrownBy(() -> apiKey(a, "Other", "x")).isInstanceOfSatisfying(ParleyException.class,
                e -> assertThat(e.code()).isEqualTo("credential_name_taken"));
        assertThatThrownBy(() -> credentials.update(a.principal(), key.id(), null, null))
                .isInstanceOf(ParleyException.class);

        credentials.guardDeletion((ws, id) -> id.equals(key.id()) ? Optional.of("the default model") : Optional.empty());
        assertThatThrownBy(() -> credentials.delete(a.principal(), key.id()))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.code()).isEqualTo("credential_in_use");
                    assertThat(e.getMessage()).contains("the default model");
                });
        CredentialView other = credentials.list(a.principal(), Optional.empty()).stream()
                .filter(c -> c.name().equals("Other")).findFirst().orElseThrow();
        credentials.delete(a.principal(), other.id());
        assertThat(changed).endsWith(other.id());
        assertThatThrownBy(() -> credentials.get(a.principal(), other.id())).isInstanceOf(ParleyException.class);
        assertThat(auditOf(other.id())).as("the audit trail outlives the credential").contains("deleted:null");
    }

    @Test
    @DisplayName("bad input is 400 naming the field, and never quotes the value")
    void validation() {
        Principal p = a.principal();
        Optional<String> ws = Optional.empty();
        assertField(() -> credentials.create(p, ws, " ", "api_key", text("k")), "name");
        assertField(() -> credentials.create(p, ws, "n", "password", text("k")), "type");
        assertField(() -> credentials.create(p, ws, "n", null, text("k")), "type");
        assertField(() -> credentials.create(p, ws, "n", "api_key", null), "value");
        assertField(() -> credentials.create(p, ws, "n", "api_key", json("5")), "value");
        assertField(() -> credentials.create(p, ws, "n", "api_key", json("[\"k\"]")), "value");
        assertField(() -> credentials.create(p, ws, "n", "api_key", text("  ")), "value");
        assertField(() -> credentials.create(p, ws, "n", "api_key", text("two words")), "value");
        assertField(() -> credentials.create(p, ws, "n", "api_key", text("k".repeat(9000))), "value");
        assertField(() -> credentials.create(p, ws, "n", "api_key", json("{\"key\": \"k\"}")), "value");
        assertField(() -> credentials.create(p, ws, "n", "basic_auth", text("user:pass")), "value");
        assertField(() -> credentials.create(p, ws, "n", "basic_auth", json("{\"username\": \"u\"}")),
                "value.password");
        assertField(() -> credentials.create(p, ws, "n", "basic_auth",
                json("{\"username\": 5, \"password\": \"p\"}")), "value.username");
        assertField(() -> credentials.create(p, ws, "n", "custom", json("{}")), "value");
        assertField(() -> credentials.create(p, ws, "n", "custom", json("{\"a\": 1}")), "value.a");
        assertField(() -> credentials.create(p, ws, "n", "custom", json("{\"a b\": \"x\"}")), "value");
        CredentialView key = apiKey(a, "OpenAI", SECRET);
        assertField(() -> credentials.update(p, key.id(), null, json("{\"username\": \"u\"}")), "value");
        try {
            credentials.create(p, ws, "n", "api_key", text("has " + SECRET));
        } catch (ParleyException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
        assertThat(credentials.list(p, ws)).hasSize(1);
    }
}
