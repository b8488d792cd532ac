package io.parley.server.credential;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.credential.CredentialStore.StoredCredential;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Workspace credentials, encrypted at rest. The HTTP side creates, lists, renames, replaces and
 * deletes them (editors read the list, admins change it); a value is never shown again after it is
 * saved. Features that call out (a model provider) use {@link #reveal} or {@link #revealSecret}
 * with a purpose: each use counts, and leaves an audit row.
 *
 * <pre>{@code
 * String apiKey = credentials.reveal(workspaceId, credentialId, "chat");
 * }</pre>
 */
public final class CredentialService {

    private static final Logger LOG = Logger.getLogger(CredentialService.class.getName());

    /** The result of a key rotation: the new primary key, and how many credentials it now encrypts. */
    public record Rotation(long keyId, int keys, int reEncrypted, int unreadable) {
    }

    private final Database db;
    private final CredentialStore store;
    private final CredentialCipher cipher;
    private final AccessPolicy policy;
    private final Predicate<Principal> serverAdmin;
    private final Clock clock;
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<BiFunction<String, String, Optional<String>>> usages = new CopyOnWriteArrayList<>();

    CredentialService(Database db, CredentialStore store, CredentialCipher cipher, AccessPolicy policy,
                      Predicate<Principal> serverAdmin, Clock clock) {
        this.db = db;
        this.store = store;
        this.cipher = cipher;
        this.policy = policy;
        this.serverAdmin = serverAdmin;
        this.clock = clock;
    }

    // --- for the routes ---------------------------------------------------------------------

    public CredentialView create(Principal caller, Optional<String> workspaceId, String name, String type,
                                 JsonNode value) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.ADMIN);
        CredentialValues.checkShape(value, "value");
        String credentialName = Text.required("name", name, 200);
        CredentialType credentialType = CredentialType.parse("type", Text.required("type", type, 32));
        CredentialSecret secret = CredentialValues.parse(credentialType, value, "value");
        requireFreeName(access.workspaceId(), credentialName, null);
        Instant now = clock.now();
        CredentialView view = new CredentialView(Ids.newId(), access.workspaceId(), credentialName,
                credentialType.wireName(), now, now, null, 0);
        CredentialCipher.Sealed sealed = seal(view.id(), view.workspaceId(), secret);
        write(() -> db.runInTransaction(tx -> {
            store.insert(tx, view, sealed, caller.isApiKey() ? null : caller.userId());
            store.audit(tx, view.id(), view.workspaceId(), "created", null, now);
        }), view.workspaceId(), credentialName, view.id());
        return view;
    }

    public List<CredentialView> list(Principal caller, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.EDITOR);
        return store.inWorkspace(access.workspaceId());
    }

    public CredentialView get(Principal caller, String credentialId) {
        return visible(caller, credentialId, Role.EDITOR).view();
    }

    /** A new name, a new value (of the credential's own type), or both; at least one. */
    public CredentialView update(Principal caller, String credentialId, String name, JsonNode value) {
        StoredCredential row = visible(caller, credentialId, Role.ADMIN);
        boolean newValue = value != null && !value.isNull() && !value.isMissingNode();
        if (name == null && !newValue) {
            throw ParleyException.invalidInput("Give a new 'name', a new 'value', or both");
        }
        if (newValue) {
            CredentialValues.checkShape(value, "value");
        }
        String newName = name == null ? null : Text.required("name", name, 200);
        CredentialSecret secret = newValue ? CredentialValues.parse(row.type(), value, "value") : null;
        if (newName != null) {
            requireFreeName(row.view().workspaceId(), newName, row.view().id());
        }
        Instant now = clock.now();
        CredentialCipher.Sealed sealed = secret == null ? null : seal(row.view().id(), row.view().workspaceId(), secret);
        write(() -> db.runInTransaction(tx -> {
            if (newName != null) {
                store.rename(tx, row.view().id(), newName, now);
            }
            if (sealed != null) {
                store.replaceValue(tx, row.view().id(), sealed, now);
            }
            store.audit(tx, row.view().id(), row.view().workspaceId(), "updated",
                    sealed == null ? "renamed" : "new value", now);
        }), row.view().workspaceId(), newName == null ? row.view().name() : newName, row.view().id());
        if (sealed != null) {
            changed(row.view().id());
        }
        return store.byId(row.view().id()).map(StoredCredential::view).orElseThrow(() -> notFound());
    }

    public void delete(Principal caller, String credentialId) {
        StoredCredential row = visible(caller, credentialId, Role.ADMIN);
        for (BiFunction<String, String, Optional<String>> usage : usages) {
            usage.apply(row.view().workspaceId(), row.view().id()).ifPresent(user -> {
                throw ParleyException.conflict("credential_in_use", "The credential '" + row.view().name()
                        + "' is used by " + user + "; change that first");
            });
        }
        Instant now = clock.now();
        db.runInTransaction(tx -> {
            store.delete(tx, row.view().id());
            store.audit(tx, row.view().id(), row.view().workspaceId(), "deleted", null, now);
        });
        changed(row.view().id());
    }

    /**
     * Adds a new primary key to the keyset and re-encrypts every credential with it. Server-wide,
     * so only the server's administrator (the local owner in embedded mode) may call it.
     */
    public Rotation rotateKey(Principal caller) {
        if (caller.isApiKey() || !serverAdmin.test(caller)) {
            throw ParleyException.forbidden("Only the server's administrator (the local owner in embedded mode) "
                    + "can rotate the credential key");
        }
        if (cipher.external()) {
            throw ParleyException.conflict("keyset_external", "The credential keyset comes from "
                    + CredentialCipher.ENV + "; rotate it there (add a primary key) and restart");
        }
        return rotateKey();
    }

    // --- for other features -----------------------------------------------------------------

    /** The credential when it exists in {@code workspaceId} (no access check: for validating settings). */
    public Optional<CredentialView> find(String workspaceId, String credentialId) {
        return store.byId(credentialId).map(StoredCredential::view).filter(v -> v.workspaceId().equals(workspaceId));
    }

    /**
     * The decrypted value as one string (see {@link CredentialSecret#asText()}); counts a use and
     * writes an audit row with {@code purpose} ("chat", "test_connection"). 404 when the credential
     * is not in {@code workspaceId}; 409 {@code credential_unreadable} when it cannot be decrypted.
     */
    public String reveal(String workspaceId, String credentialId, String purpose) {
        return revealSecret(workspaceId, credentialId, purpose).asText();
    }

    /** As {@link #reveal}, typed. */
    public CredentialSecret revealSecret(String workspaceId, String credentialId, String purpose) {
        String why = Text.required("purpose", purpose, 200);
        StoredCredential row = store.byId(credentialId).filter(r -> r.view().workspaceId().equals(workspaceId))
                .orElseThrow(CredentialService::notFound);
        CredentialSecret secret = open(row);
        Instant now = clock.now();
        db.runInTransaction(tx -> {
            store.markUsed(tx, row.view().id(), now);
            store.audit(tx, row.view().id(), row.view().workspaceId(), "revealed", why, now);
        });
        return secret;
    }

    /** The id of the credential called {@code name} in the workspace ({@code {{secret:name}}} in a flow). */
    public Optional<String> idByName(String workspaceId, String name) {
        return store.inWorkspace(workspaceId).stream().filter(v -> v.name().equals(name)).map(CredentialView::id).findFirst();
    }

    /** Called with a credential's id after its value changed or it was deleted (to drop cached clients). */
    public void onChange(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    /**
     * Registers a check run before a credential is deleted: given (workspace id, credential id), the
     * name of what still uses it ("the workspace's default model"), or empty. A use refuses the delete (409).
     */
    public void guardDeletion(BiFunction<String, String, Optional<String>> usage) {
        usages.add(usage);
    }

    /** The rotation itself, without the caller check: for tests and maintenance code. */
    public synchronized Rotation rotateKey() {
        long keyId = cipher.rotate();
        int reEncrypted = 0;
        int unreadable = 0;
        Instant now = clock.now();
        for (StoredCredential row : store.notUnderKey(keyId)) {
            CredentialSecret secret;
            try {
                secret = open(row);
            } catch (ParleyException e) {
                unreadable++;
                continue;
            }
            CredentialCipher.Sealed sealed = seal(row.view().id(), row.view().workspaceId(), secret);
            boolean done = db.inTransaction(tx -> {
                boolean updated = store.reEncrypt(tx, row, sealed);
                if (updated) {
                    store.audit(tx, row.view().id(), row.view().workspaceId(), "re_encrypted", "key rotation", now);
                }
                return updated;
            });
            if (done) {
                reEncrypted++;
            }
        }
        LOG.info(() -> "Credential key rotated; " + cipher.keyCount() + " keys in the keyset");
        return new Rotation(keyId, cipher.keyCount(), reEncrypted, unreadable);
    }

    // --- helpers ----------------------------------------------------------------------------

    private StoredCredential visible(Principal caller, String credentialId, Role required) {
        StoredCredential row = store.byId(credentialId).orElseThrow(CredentialService::notFound);
        try {
            policy.workspace(caller, row.view().workspaceId(), required);
        } catch (ParleyException e) {
            throw e.kind() == ParleyException.Kind.NOT_FOUND ? notFound() : e;
        }
        return row;
    }

    private CredentialCipher.Sealed seal(String id, String workspaceId, CredentialSecret secret) {
        return cipher.encrypt(CredentialValues.plaintext(secret), CredentialCipher.associatedData(id, workspaceId));
    }

    private CredentialSecret open(StoredCredential row) {
        try {
            byte[] plain = cipher.decrypt(row.ciphertext(),
                    CredentialCipher.associatedData(row.view().id(), row.view().workspaceId()));
            return CredentialValues.fromPlaintext(row.type(), plain);
        } catch (GeneralSecurityException e) {
            LOG.log(Level.WARNING, "Credential {0} cannot be decrypted (altered, moved to another row, or its key "
                    + "is missing from the keyset)", row.view().id());
            throw new ParleyException(ParleyException.Kind.CONFLICT, "credential_unreadable", "The credential '"
                    + row.view().name() + "' cannot be decrypted: it was altered or the encryption key is missing. "
                    + "Enter its value again.", java.util.Map.of("credential_id", row.view().id()));
        }
    }

    private void requireFreeName(String workspaceId, String name, String exceptId) {
        if (store.nameTaken(workspaceId, name, exceptId)) {
            throw nameTaken(name);
        }
    }

    /** Runs a write; a unique-name race lost to another request answers 409 rather than 500. */
    private void write(Runnable work, String workspaceId, String name, String id) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!(e instanceof ParleyException) && store.nameTaken(workspaceId, name, id)) {
                throw nameTaken(name);
            }
            throw e;
        }
    }

    private void changed(String credentialId) {
        changeListeners.forEach(l -> l.accept(credentialId));
    }

    private static ParleyException nameTaken(String name) {
        return ParleyException.conflict("credential_name_taken", "A credential named '" + name
                + "' already exists in this workspace");
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("Credential");
    }
}
