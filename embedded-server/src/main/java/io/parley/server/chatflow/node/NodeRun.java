package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.inference.ChatMessage;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a node sees while it runs: its configuration, the run's variables, template rendering,
 * and the services it may call. The executor implements it; tests may too.
 */
public interface NodeRun {

    FlowNode node();

    /** The run state ({@code input}, {@code user}, {@code vars}, {@code context}, {@code local}, {@code temp}, {@code nodes}). */
    ObjectNode state();

    /** The node's own memory between visits (a question's retries, a loop's position), kept with the session. */
    ObjectNode scratch();

    /** The visitor's message of this turn. */
    String input();

    /** Renders a template of the node's configuration; {@code {{secret:…}}} is refused. */
    String render(String template) throws NodeFailure;

    /** Renders a template of an HTTP or LLM setting, where {@code {{secret:name}}} is the credential's value. */
    String renderWithSecrets(String template) throws NodeFailure;

    /** The typed value of a template that is a single reference ({@code {{vars.items}}} stays a list). */
    JsonNode value(String template) throws NodeFailure;

    /** Renders every string in a JSON tree; a string that is one reference keeps its type. */
    JsonNode renderJson(JsonNode template, boolean secrets) throws NodeFailure;

    /** Evaluates a condition (a CEL expression or a JSON rule) against the state. */
    boolean test(JsonNode condition) throws NodeFailure;

    /** The last {@code limit} messages of the conversation, oldest first (this turn's message excluded). */
    List<ChatMessage> history(int limit);

    NodeServices services();

    String workspaceId();

    String sessionId();

    /** The session's state revision this turn started from. */
    int revision();

    /** The flow's settings (limits, fallback message). */
    io.parley.server.chatflow.graph.FlowSettings settings();

    /** Milliseconds left before the turn's time limit. */
    long remainingMillis();

    /**
     * Runs a side effect once per {@code session:node:revision}: a retried turn (same revision)
     * gets the recorded output instead of repeating the effect.
     */
    ObjectNode once(Supplier<ObjectNode> effect) throws NodeFailure;

    /**
     * Runs {@code flow} to its end within this turn with {@code inputs} as its variables, sharing
     * this turn's services and time limit; it may not wait for the visitor.
     */
    SubFlows.Result callFlow(io.parley.server.chatflow.graph.FlowDocument flow, ObjectNode inputs) throws NodeFailure;

    /** A detail for the execution log (inputs summary); never pass secrets. */
    void note(String key, Object value);
}
