package io.parley.server.inference;

import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.Optional;

/** SQL for the workspaces' default model settings: one JSON document per workspace. */
final class ModelSettingsStore {

    record Stored(String json, Instant updatedAt) {
    }

    private final Database db;

    ModelSettingsStore(Database db) {
        this.db = db;
    }

    Optional<Stored> get(String workspaceId) {
        return db.execute().get("SELECT settings, updated_at FROM workspace_model_settings WHERE workspace_id = ?",
                workspaceId).map(r -> new Stored(Rows.string(r, "settings"), Rows.instant(r, "updated_at")));
    }

    /** Insert or replace; portable (no MERGE / ON CONFLICT), and a lost insert race becomes an update. */
    void put(String workspaceId, String json, Instant now) {
        if (update(workspaceId, json, now)) {
            return;
        }
        try {
            db.execute().insert("INSERT INTO workspace_model_settings (workspace_id, settings, updated_at) "
                    + "VALUES (?, ?, ?)", workspaceId, json, Rows.timestamp(now));
        } catch (RuntimeException e) {
            if (!update(workspaceId, json, now)) {
                throw e;
            }
        }
    }

    private boolean update(String workspaceId, String json, Instant now) {
        return db.execute().update("UPDATE workspace_model_settings SET settings = ?, updated_at = ? "
                + "WHERE workspace_id = ?", json, Rows.timestamp(now), workspaceId) == 1;
    }
}
