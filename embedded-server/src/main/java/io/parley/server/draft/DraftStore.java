package io.parley.server.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for drafts. The document is stored as JSON text. */
final class DraftStore {

    private static final String COLUMNS =
            "id, workspace_id, type, data, version, created_by, created_at, updated_at, expires_at";

    private final Database db;

    DraftStore(Database db) {
        this.db = db;
    }

    void insert(Draft draft) {
        db.execute().insert("""
                        INSERT INTO drafts (id, workspace_id, type, data, version, created_by, created_at, updated_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                draft.id(), draft.workspaceId(), draft.type().value(), write(draft.data()), draft.version(),
                draft.createdBy(), Rows.timestamp(draft.createdAt()), Rows.timestamp(draft.updatedAt()),
                Rows.timestamp(draft.expiresAt()));
    }

    Optional<Draft> find(String id, DraftType type) {
        return db.execute().get("SELECT " + COLUMNS + " FROM drafts WHERE id = ? AND type = ?", id, type.value())
                .map(DraftStore::draft);
    }

    /** Saves a new document if nobody saved since {@code expectedVersion}; false on a lost race. */
    boolean update(String id, ObjectNode data, long expectedVersion, Instant now, Instant expiresAt) {
        return db.execute().update("""
                        UPDATE drafts SET data = ?, version = version + 1, updated_at = ?, expires_at = ?
                        WHERE id = ? AND version = ?""",
                write(data), Rows.timestamp(now), Rows.timestamp(expiresAt), id, expectedVersion) == 1;
    }

    void delete(DbExecute exec, String id) {
        exec.delete("DELETE FROM drafts WHERE id = ?", id);
    }

    List<Draft> listInWorkspace(String workspaceId, DraftType type, Instant now) {
        return db.execute().query("SELECT " + COLUMNS + " FROM drafts WHERE workspace_id = ? AND type = ? "
                        + "AND expires_at > ? ORDER BY updated_at DESC, id",
                workspaceId, type.value(), Rows.timestamp(now)).map(DraftStore::draft).toList();
    }

    List<Draft> expired(Instant now, int limit) {
        return db.execute().query("SELECT " + COLUMNS + " FROM drafts WHERE expires_at <= ? ORDER BY expires_at "
                + "FETCH FIRST " + limit + " ROWS ONLY", Rows.timestamp(now)).map(DraftStore::draft).toList();
    }

    private static Draft draft(DbRow r) {
        try {
            ObjectNode data = (ObjectNode) Json.mapper().readTree(Rows.string(r, "data"));
            return new Draft(Rows.string(r, "id"), Rows.string(r, "workspace_id"),
                    DraftType.fromDb(Rows.string(r, "type")), data, Rows.number(r, "version"),
                    Rows.string(r, "created_by"), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"),
                    Rows.instant(r, "expires_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("draft " + Rows.string(r, "id") + " holds invalid JSON", e);
        }
    }

    static String write(ObjectNode data) {
        try {
            return Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
