package io.parley.server.chatflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.run.RunState;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.Optional;

/** SQL for conversations' flow states, written under optimistic concurrency (revision). */
final class FlowStateStore {

    record Stored(String sessionId, String flowId, int flowVersion, RunState state, int revision, String hash,
                  Instant updatedAt) {
    }

    private final Database db;

    FlowStateStore(Database db) {
        this.db = db;
    }

    Optional<Stored> find(String sessionId) {
        return db.execute().get("SELECT session_id, flow_id, flow_version, state, revision, state_hash, updated_at "
                + "FROM flow_states WHERE session_id = ?", sessionId).map(r -> new Stored(Rows.string(r, "session_id"),
                Rows.string(r, "flow_id"), (int) Rows.number(r, "flow_version"), RunState.fromJson(read(Rows.string(r, "state"))),
                (int) Rows.number(r, "revision"), Rows.string(r, "state_hash"), Rows.instant(r, "updated_at")));
    }

    /**
     * Writes {@code state} as revision {@code expected + 1}; false when another write got there
     * first (or, with {@code expected} 0, when a state already exists).
     */
    boolean write(String sessionId, String flowId, int flowVersion, RunState state, int expected, Instant now) {
        ObjectNode json = state.toJson();
        String hash = StateHash.of(json);
        if (expected == 0) {
            try {
                return db.execute().insert("INSERT INTO flow_states (session_id, flow_id, flow_version, state, revision, "
                        + "state_hash, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)", sessionId, flowId, flowVersion,
                        write(json), hash, Rows.timestamp(now)) == 1;
            } catch (RuntimeException duplicate) {
                if (find(sessionId).isPresent()) {
                    return false;
                }
                throw duplicate;
            }
        }
        return db.execute().update("UPDATE flow_states SET flow_version = ?, state = ?, revision = revision + 1, "
                        + "state_hash = ?, updated_at = ? WHERE session_id = ? AND revision = ?", flowVersion, write(json), hash,
                Rows.timestamp(now), sessionId, expected) == 1;
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a flow state holds invalid JSON", e);
        }
    }

    static String write(ObjectNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
