package io.parley.server.handoff;

import io.helidon.dbclient.DbRow;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for escalation tickets. */
final class HandoffStore {

    private static final String COLUMNS = "id, workspace_id, session_id, bot_id, reason, priority, status, created_at, closed_at";

    private final Database db;

    HandoffStore(Database db) {
        this.db = db;
    }

    void insert(Handoff h) {
        db.execute().insert("INSERT INTO handoff_tickets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", h.id(),
                h.workspaceId(), h.sessionId(), h.botId(), h.reason(), h.priority(), h.status(),
                Rows.timestamp(h.createdAt()), Rows.timestamp(h.closedAt()));
    }

    List<Handoff> inWorkspace(String workspaceId, String status, int limit) {
        String where = status == null ? "" : " AND status = ?";
        Object[] params = status == null ? new Object[] {workspaceId} : new Object[] {workspaceId, status};
        return db.execute().query("SELECT " + COLUMNS + " FROM handoff_tickets WHERE workspace_id = ?" + where
                + " ORDER BY created_at DESC, id FETCH FIRST " + limit + " ROWS ONLY", params).map(HandoffStore::row).toList();
    }

    Optional<Handoff> find(String id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM handoff_tickets WHERE id = ?", id).map(HandoffStore::row);
    }

    void close(String id, Instant at) {
        db.execute().update("UPDATE handoff_tickets SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'",
                Rows.timestamp(at), id);
    }

    private static Handoff row(DbRow r) {
        return new Handoff(Rows.string(r, "id"), Rows.string(r, "workspace_id"), Rows.string(r, "session_id"),
                Rows.string(r, "bot_id"), Rows.string(r, "reason"), Rows.string(r, "priority"), Rows.string(r, "status"),
                Rows.instant(r, "created_at"), Rows.instant(r, "closed_at"));
    }
}
