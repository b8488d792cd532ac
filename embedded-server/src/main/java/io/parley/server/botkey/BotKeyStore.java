package io.parley.server.botkey;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for bot keys; secrets are stored as their SHA-256 only. */
final class BotKeyStore {

    record Stored(BotKey key, String secretHash) {
    }

    private static final String COLUMNS =
            "id, bot_id, bot_type, workspace_id, kind, name, prefix, secret_hash, created_at, last_used_at, revoked_at";

    private final Database db;

    BotKeyStore(Database db) {
        this.db = db;
    }

    void insert(DbExecute tx, BotKey key, String secretHash) {
        tx.insert("INSERT INTO bot_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.botId(), key.botType(), key.workspaceId(), key.kind(), key.name(), key.prefix(),
                secretHash, Rows.timestamp(key.createdAt()), null, null);
    }

    Optional<Stored> byPrefix(String prefix) {
        return db.execute().get("SELECT " + COLUMNS + " FROM bot_keys WHERE prefix = ?", prefix)
                .map(r -> new Stored(key(r), Rows.string(r, "secret_hash")));
    }

    List<BotKey> forBot(String botId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM bot_keys WHERE bot_id = ? ORDER BY created_at, id", botId)
                .map(BotKeyStore::key).toList();
    }

    boolean revoke(String botId, String keyId, Instant at) {
        return db.execute().update("UPDATE bot_keys SET revoked_at = ? WHERE id = ? AND bot_id = ? AND revoked_at IS NULL",
                Rows.timestamp(at), keyId, botId) == 1;
    }

    void deleteForBot(DbExecute tx, String botId) {
        tx.delete("DELETE FROM bot_keys WHERE bot_id = ?", botId);
    }

    void touch(String id, Instant at) {
        db.execute().update("UPDATE bot_keys SET last_used_at = ? WHERE id = ?", Rows.timestamp(at), id);
    }

    private static BotKey key(DbRow r) {
        return new BotKey(Rows.string(r, "id"), Rows.string(r, "bot_id"), Rows.string(r, "bot_type"),
                Rows.string(r, "workspace_id"), Rows.string(r, "kind"), Rows.string(r, "name"), Rows.string(r, "prefix"),
                Rows.instant(r, "created_at"), Rows.instant(r, "last_used_at"), Rows.instant(r, "revoked_at"), null);
    }
}
