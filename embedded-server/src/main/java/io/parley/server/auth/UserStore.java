package io.parley.server.auth;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.Optional;

/** SQL for users. */
public final class UserStore {

    private static final String COLUMNS = "id, email, name, password_hash, is_local, created_at";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public void insert(DbExecute tx, User user, String normalizedEmail, Instant now) {
        tx.insert("""
                        INSERT INTO users (id, email, email_normalized, name, password_hash, is_local, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                user.id(), user.email(), normalizedEmail, user.name(), user.passwordHash(), user.isLocal(),
                Rows.timestamp(now), Rows.timestamp(now));
    }

    public Optional<User> byId(String id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM users WHERE id = ?", id).map(UserStore::user);
    }

    public Optional<User> byEmail(String normalizedEmail) {
        return db.execute().get("SELECT " + COLUMNS + " FROM users WHERE email_normalized = ?", normalizedEmail)
                .map(UserStore::user);
    }

    public Optional<User> localOwner() {
        return db.execute().get("SELECT " + COLUMNS + " FROM users WHERE is_local = TRUE ORDER BY created_at "
                + "FETCH FIRST 1 ROWS ONLY").map(UserStore::user);
    }

    private static User user(DbRow r) {
        return new User(Rows.string(r, "id"), Rows.string(r, "email"), Rows.string(r, "name"),
                Rows.string(r, "password_hash"), Rows.bool(r, "is_local"), Rows.instant(r, "created_at"));
    }
}
