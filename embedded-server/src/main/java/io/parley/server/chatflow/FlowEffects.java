package io.parley.server.chatflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.run.TurnEnv;
import io.parley.server.common.Clock;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Side effects recorded by idempotency key ({@code session:node:revision}): the first run does the
 * effect and records its output at once (in its own transaction, so a turn that fails afterwards
 * still remembers it); a retried turn at the same revision gets the recorded output back.
 */
final class FlowEffects implements TurnEnv.Effects {

    private final Database db;
    private final String sessionId;
    private final Clock clock;

    FlowEffects(Database db, String sessionId, Clock clock) {
        this.db = db;
        this.sessionId = sessionId;
        this.clock = clock;
    }

    @Override
    public ObjectNode once(String key, String nodeId, Supplier<ObjectNode> effect) {
        Optional<ObjectNode> done = recorded(key);
        if (done.isPresent()) {
            ObjectNode output = done.get();
            output.put("replayed", true);
            return output;
        }
        ObjectNode output = effect.get();
        try {
            db.execute().insert("INSERT INTO flow_effects (idempotency_key, session_id, node_id, output, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", key, sessionId, nodeId, FlowStateStore.write(output), Rows.timestamp(clock.now()));
        } catch (RuntimeException raced) {
            return recorded(key).orElseThrow(() -> raced); // a concurrent retry recorded it first
        }
        return output;
    }

    private Optional<ObjectNode> recorded(String key) {
        return db.execute().get("SELECT output FROM flow_effects WHERE idempotency_key = ?", key).map(r -> {
            try {
                return (ObjectNode) Json.mapper().readTree(Rows.string(r, "output"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
