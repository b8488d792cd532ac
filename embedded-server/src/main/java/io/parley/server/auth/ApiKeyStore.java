package io.parley.server.auth;

import io.helidon.dbclient.DbRow;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for API keys. Only a hash of each secret is stored. */
final class ApiKeyStore {

    /** last_used_at is written at most this often per key, so a busy key does not write on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String COLUMNS =
            "id, workspace_id, name, key_prefix, secret_hash, role, created_at, last_used_at, revoked_at";

    record StoredKey(ApiKeyView view, String secretHash) {
    }

    private final Database db;

    ApiKeyStore(Database db) {
        this.db = db;
    }

    void insert(ApiKeyView key, String secretHash, String createdBy) {
        db.execute().insert("""
                        INSERT INTO api_keys (id, workspace_id, name, key_prefix, secret_hash, role, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                key.id(), key.workspaceId(), key.name(), key.prefix(), secretHash, key.role(), createdBy,
                Rows.timestamp(key.createdAt()));
    }

    Optional<StoredKey> byPrefix(String prefix) {
        return db.execute().get("SELECT " + COLUMNS + " FROM api_keys WHERE key_prefix = ?", prefix)
                .map(r -> new StoredKey(view(r), Rows.string(r, "secret_hash")));
    }

    Optional<ApiKeyView> byId(String id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id).map(ApiKeyStore::view);
    }

    List<ApiKeyView> inWorkspace(String workspaceId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id",
                workspaceId).map(ApiKeyStore::view).toList();
    }

    void revoke(String id, Instant now) {
        db.execute().update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                Rows.timestamp(now), id);
    }

    void touch(String id, Instant now) {
        db.execute().update("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                Rows.timestamp(now), id, Rows.timestamp(now.minus(LAST_USED_RESOLUTION)));
    }

    private static ApiKeyView view(DbRow r) {
        return new ApiKeyView(Rows.string(r, "id"), Rows.string(r, "name"), Rows.string(r, "workspace_id"),
                Rows.string(r, "role"), Rows.string(r, "key_prefix"), Rows.instant(r, "created_at"),
                Rows.instant(r, "last_used_at"), Rows.instant(r, "revoked_at"), null);
    }
}
