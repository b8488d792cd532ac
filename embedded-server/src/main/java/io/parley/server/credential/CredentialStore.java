package io.parley.server.credential;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Ids;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for credentials and their audit trail. Values are only ever stored encrypted. */
final class CredentialStore {

    private static final String COLUMNS = "id, workspace_id, name, type, ciphertext, key_id, created_at, updated_at, "
            + "last_used_at, usage_count";

    /** A row: what is shown, and the ciphertext with the id of the key that made it. */
    record StoredCredential(CredentialView view, byte[] ciphertext, long keyId) {
        CredentialType type() {
            return CredentialType.fromDb(view.type());
        }
    }

    private final Database db;

    CredentialStore(Database db) {
        this.db = db;
    }

    void insert(DbExecute exec, CredentialView view, CredentialCipher.Sealed sealed, String createdBy) {
        exec.insert("""
                        INSERT INTO credentials (id, workspace_id, name, type, ciphertext, key_id, created_by, created_at,
                                                 updated_at, usage_count)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
                view.id(), view.workspaceId(), view.name(), view.type(), sealed.ciphertext(), sealed.keyId(), createdBy,
                Rows.timestamp(view.createdAt()), Rows.timestamp(view.updatedAt()));
    }

    Optional<StoredCredential> byId(String id) {
        if (!Ids.looksLikeId(id)) {
            return Optional.empty();
        }
        return db.execute().get("SELECT " + COLUMNS + " FROM credentials WHERE id = ?", id).map(CredentialStore::stored);
    }

    List<CredentialView> inWorkspace(String workspaceId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM credentials WHERE workspace_id = ? ORDER BY name, id",
                workspaceId).map(r -> stored(r).view()).toList();
    }

    boolean nameTaken(String workspaceId, String name, String exceptId) {
        return db.execute().get("SELECT id FROM credentials WHERE workspace_id = ? AND name = ? AND id <> ?",
                workspaceId, name, exceptId == null ? "" : exceptId).isPresent();
    }

    void rename(DbExecute exec, String id, String name, Instant now) {
        exec.update("UPDATE credentials SET name = ?, updated_at = ? WHERE id = ?", name, Rows.timestamp(now), id);
    }

    void replaceValue(DbExecute exec, String id, CredentialCipher.Sealed sealed, Instant now) {
        exec.update("UPDATE credentials SET ciphertext = ?, key_id = ?, updated_at = ? WHERE id = ?",
                sealed.ciphertext(), sealed.keyId(), Rows.timestamp(now), id);
    }

    /**
     * Re-encryption after a key rotation: only if the row still holds what was read (a value saved
     * meanwhile is already under the new key). Does not touch updated_at: the value did not change.
     */
    boolean reEncrypt(DbExecute exec, StoredCredential read, CredentialCipher.Sealed sealed) {
        return exec.update("UPDATE credentials SET ciphertext = ?, key_id = ? WHERE id = ? AND key_id = ? "
                        + "AND updated_at = ?", sealed.ciphertext(), sealed.keyId(), read.view().id(), read.keyId(),
                Rows.timestamp(read.view().updatedAt())) == 1;
    }

    void delete(DbExecute exec, String id) {
        exec.delete("DELETE FROM credentials WHERE id = ?", id);
    }

    void markUsed(DbExecute exec, String id, Instant now) {
        exec.update("UPDATE credentials SET usage_count = usage_count + 1, last_used_at = ? WHERE id = ?",
                Rows.timestamp(now), id);
    }

    /** Rows whose ciphertext was made by another key than {@code keyId}. */
    List<StoredCredential> notUnderKey(long keyId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM credentials WHERE key_id <> ? ORDER BY id", keyId)
                .map(CredentialStore::stored).toList();
    }

    void audit(DbExecute exec, String credentialId, String workspaceId, String action, String purpose, Instant at) {
        exec.insert("INSERT INTO credential_audit (id, credential_id, workspace_id, action, purpose, at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", Ids.newId(), credentialId, workspaceId, action, purpose,
                Rows.timestamp(at));
    }

    private static StoredCredential stored(DbRow r) {
        CredentialView view = new CredentialView(Rows.string(r, "id"), Rows.string(r, "workspace_id"),
                Rows.string(r, "name"), Rows.string(r, "type"), Rows.instant(r, "created_at"),
                Rows.instant(r, "updated_at"), Rows.instant(r, "last_used_at"), Rows.number(r, "usage_count"));
        return new StoredCredential(view, (byte[]) Rows.raw(r, "ciphertext"), Rows.number(r, "key_id"));
    }
}
