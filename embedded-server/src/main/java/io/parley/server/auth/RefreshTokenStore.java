package io.parley.server.auth;

import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;

/** Issued refresh tokens by id, so each can be used once and revoked. */
final class RefreshTokenStore {

    private final Database db;

    RefreshTokenStore(Database db) {
        this.db = db;
    }

    void insert(String id, String userId, Instant expiresAt, Instant now) {
        db.execute().insert("INSERT INTO refresh_tokens (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)",
                id, userId, Rows.timestamp(expiresAt), Rows.timestamp(now));
    }

    /** Marks the token used; false when it was unknown, already used or revoked (a replay). */
    boolean consume(String id, String userId, Instant now) {
        return db.execute().update("UPDATE refresh_tokens SET revoked_at = ? "
                        + "WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?",
                Rows.timestamp(now), id, userId, Rows.timestamp(now)) == 1;
    }

    /** Signs the user out everywhere: used when a refresh token is replayed. */
    void revokeAll(String userId, Instant now) {
        db.execute().update("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                Rows.timestamp(now), userId);
    }
}
