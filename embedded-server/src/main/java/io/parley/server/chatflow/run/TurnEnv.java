package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.node.NodeServices;
import io.parley.server.inference.ChatMessage;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What a turn runs against besides the flow and its state: the workspace and session, the
 * revision the state was read at, the services nodes call, the conversation so far, the record of
 * side effects already done, and secrets by name.
 */
public record TurnEnv(String workspaceId, String sessionId, int revision, NodeServices services,
                      IntFunction<List<ChatMessage>> history, Effects effects,
                      Function<String, Optional<String>> secrets, String scope, int depth, Steps steps) {

    public TurnEnv(String workspaceId, String sessionId, int revision, NodeServices services,
                   IntFunction<List<ChatMessage>> history, Effects effects, Function<String, Optional<String>> secrets) {
        this(workspaceId, sessionId, revision, services, history, effects, secrets, "", 0, Steps.NONE);
    }

    /**
     * The environment of a called flow: effects keyed apart from the caller's nodes, one level
     * deeper; its steps are not reported (they are not on the caller's canvas).
     */
    public TurnEnv called(String flowScope) {
        return new TurnEnv(workspaceId, sessionId, revision, services, history, effects, secrets,
                scope + flowScope + "/", depth + 1, Steps.NONE);
    }

    /** The same environment, telling {@code watcher} as each node starts. */
    public TurnEnv watchedBy(Steps watcher) {
        return new TurnEnv(workspaceId, sessionId, revision, services, history, effects, secrets, scope, depth,
                watcher);
    }

    /** Told as each node starts, so a test run can show the running node while a slow one works. */
    public interface Steps {
        void started(String nodeId, String type);

        Steps NONE = (nodeId, type) -> { };
    }

    /** Side effects done once per key ({@code session:node:revision}). */
    public interface Effects {
        ObjectNode once(String key, String nodeId, Supplier<ObjectNode> effect);

        /** Runs every effect (previews that keep nothing). */
        Effects NONE = (key, nodeId, effect) -> effect.get();
    }
}
