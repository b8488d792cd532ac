package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;

/**
 * A conversation's place in its flow between turns: the variables ({@code state}), the node it
 * waits on (a question) or null, and each node's own memory ({@code scratch}). Stored as one JSON
 * document with the session, under a revision number.
 */
public record RunState(ObjectNode state, String waitingOn, ObjectNode scratch) {

    /** A fresh conversation: the flow's variables at their starting values. */
    public static RunState start(ObjectNode variables, ObjectNode user, ObjectNode context) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("input", "");
        state.set("user", user == null ? Json.mapper().createObjectNode() : user.deepCopy());
        state.set("vars", variables.deepCopy());
        state.set("context", context == null ? Json.mapper().createObjectNode() : context.deepCopy());
        state.putObject("local");
        state.putObject("temp");
        state.putObject("nodes");
        return new RunState(state, null, Json.mapper().createObjectNode());
    }

    public static RunState fromJson(JsonNode json) {
        ObjectNode state = json.path("state") instanceof ObjectNode s ? s : Json.mapper().createObjectNode();
        for (String scope : new String[] {"user", "vars", "context", "local", "temp", "nodes"}) {
            if (!(state.get(scope) instanceof ObjectNode)) {
                state.putObject(scope);
            }
        }
        String waiting = json.path("waiting_on").isTextual() ? json.get("waiting_on").asText() : null;
        ObjectNode scratch = json.path("scratch") instanceof ObjectNode s ? s : Json.mapper().createObjectNode();
        return new RunState(state, waiting, scratch);
    }

    public ObjectNode toJson() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("state", state);
        out.put("waiting_on", waitingOn);
        out.set("scratch", scratch);
        return out;
    }

    public RunState waiting(String nodeId) {
        return new RunState(state, nodeId, scratch);
    }
}
