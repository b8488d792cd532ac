package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.chatflow.node.InputRequest;
import io.parley.server.chatflow.node.NodeFailure;
import io.parley.server.chatflow.node.NodeType;
import io.parley.server.chatflow.node.NodeTypes;
import io.parley.server.chatflow.node.Outbound;
import io.parley.server.chatflow.node.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one turn of a flow: from the trigger, or from the question the conversation waits on, node
 * by node along the edges, until a response, a question (the flow waits for the next message) or
 * the end of the path. A failing node follows its {@code error} edge with {@code {{node.error}}},
 * or the turn ends with the flow's fallback message. The turn stops at the flow's step and time
 * limits. Pure: the caller loads and saves the state.
 */
public final class FlowExecutor {

    private final NodeTypes types;
    private final Expressions expressions;

    public FlowExecutor(NodeTypes types, Expressions expressions) {
        this.types = types;
        this.expressions = expressions;
    }

    public NodeTypes types() {
        return types;
    }

    public Expressions expressions() {
        return expressions;
    }

    /** How deep flows may call flows. */
    static final int MAX_DEPTH = 3;

    public TurnOutcome run(FlowDocument flow, RunState from, String input, TurnEnv env) {
        return run(flow, from, input, env, flow.settings().timeoutSeconds() * 1000L);
    }

    private TurnOutcome run(FlowDocument flow, RunState from, String input, TurnEnv env, long budgetMillis) {
        long started = System.currentTimeMillis();
        long deadline = started + Math.min(budgetMillis, flow.settings().timeoutSeconds() * 1000L);
        ObjectNode state = from.state().deepCopy();
        ObjectNode scratch = from.scratch().deepCopy();
        state.put("input", input);
        state.putObject("local"); // local values last one turn
        Wiring wiring = new Wiring(flow, types);
        List<Outbound> messages = new ArrayList<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        List<LogEntry> log = new ArrayList<>();
        Turn turn = new Turn(flow, env, state, scratch, deadline);

        Optional<FlowNode> resumed = Optional.ofNullable(from.waitingOn()).flatMap(flow::node)
                .filter(n -> types.find(n.type()).map(NodeType::waitsForInput).orElse(false));
        FlowNode node = resumed.orElseGet(() -> wiring.trigger().orElse(null));
        if (node == null) {
            return failed(turn, messages, log, started, "no_trigger", "The flow has no trigger node");
        }
        boolean resuming = resumed.isPresent();
        int steps = 0;
        while (true) {
            if (++steps > flow.settings().maxSteps()) {
                return failed(turn, messages, log, started, "step_limit",
                        "The flow ran more than " + flow.settings().maxSteps() + " steps in one turn (a loop without end?)");
            }
            if (System.currentTimeMillis() > deadline) {
                return failed(turn, messages, log, started, "time_limit",
                        "The flow took longer than " + flow.settings().timeoutSeconds() + " s");
            }
            NodeType type = types.find(node.type()).orElse(null);
            if (type == null) {
                return failed(turn, messages, log, started, "unknown_node_type", "Unknown node type '" + node.type() + "'");
            }
            RunContext context = new RunContext(turn, node);
            started(env, node);
            long nodeStart = System.currentTimeMillis();
            Step step;
            try {
                step = resuming ? type.resume(context, input) : type.run(context);
            } catch (NodeFailure failure) {
                ObjectNode output = io.parley.server.common.Json.mapper().createObjectNode();
                output.put("error", failure.getMessage());
                output.put("error_code", failure.code());
                ((ObjectNode) state.get("nodes")).set(node.id(), output);
                log.add(new LogEntry(node.id(), node.type(), node.label(), "error", nodeStart,
                        System.currentTimeMillis() - nodeStart, context.notes(), null, null, failure.getMessage(),
                        failure.code()));
                Optional<FlowNode> onError = wiring.next(node, FlowEdge.ERROR);
                if (onError.isEmpty()) {
                    return failed(turn, messages, log, started, failure.code(), failure.getMessage());
                }
                node = onError.get();
                resuming = false;
                continue;
            } catch (RuntimeException bug) {
                java.util.logging.Logger.getLogger(FlowExecutor.class.getName()).log(java.util.logging.Level.WARNING,
                        "node " + node.id() + " (" + node.type() + ") failed unexpectedly", bug);
                log.add(new LogEntry(node.id(), node.type(), node.label(), "error", nodeStart,
                        System.currentTimeMillis() - nodeStart, context.notes(), null, null,
                        "Unexpected error in this node", "internal_error"));
                return failed(turn, messages, log, started, "internal_error", "Unexpected error in node " + node.id());
            }
            resuming = false;
            if (step.output() != null) {
                ((ObjectNode) state.get("nodes")).set(node.id(), step.output());
            }
            messages.addAll(step.messages());
            sources.addAll(step.sources());
            String status = step.waits() ? "waiting" : "ok";
            log.add(new LogEntry(node.id(), node.type(), node.label(), status, nodeStart,
                    System.currentTimeMillis() - nodeStart, context.notes(), LogValues.trim(step.output()),
                    step.handle() == null || FlowEdge.DEFAULT.equals(step.handle()) ? null : step.handle(), null, null));
            if (step.waits()) {
                return done(turn, messages, step.waitFor(), sources, log, started, node.id(), "waiting");
            }
            if (step.ends()) {
                return done(turn, messages, null, sources, log, started, null, "responded");
            }
            Optional<FlowNode> next = wiring.next(node, step.handle());
            if (next.isEmpty()) {
                return done(turn, messages, null, sources, log, started, null, "ended");
            }
            node = next.get();
        }
    }

    /** A watcher that fails (its client went away) does not stop the turn. */
    private static void started(TurnEnv env, FlowNode node) {
        try {
            env.steps().started(node.id(), node.type());
        } catch (RuntimeException gone) {
            // the turn is saved whoever watches it
        }
    }

    private static TurnOutcome done(Turn turn, List<Outbound> messages, InputRequest input,
                                    List<Map<String, Object>> sources, List<LogEntry> log, long started,
                                    String waitingOn, String status) {
        String response = String.join("\n\n", messages.stream().map(Outbound::text)
                .filter(t -> t != null && !t.isBlank()).toList());
        if (waitingOn == null) {
            turn.scratch().removeAll(); // a finished flow starts afresh next turn; variables stay
        }
        RunState next = new RunState(turn.state(), waitingOn, turn.scratch());
        return new TurnOutcome(response, List.copyOf(messages), input, dedupe(sources), List.copyOf(log),
                System.currentTimeMillis() - started, next, status, null, null);
    }

    private static TurnOutcome failed(Turn turn, List<Outbound> messages, List<LogEntry> log, long started,
                                      String code, String error) {
        List<Outbound> all = new ArrayList<>(messages);
        String fallback = turn.flow().settings().fallbackMessage();
        all.add(Outbound.text(fallback));
        turn.scratch().removeAll();
        turn.state().set("last_error", TextNode.valueOf(error));
        RunState next = new RunState(turn.state(), null, turn.scratch());
        String response = String.join("\n\n", all.stream().map(Outbound::text).filter(t -> t != null && !t.isBlank()).toList());
        return new TurnOutcome(response, List.copyOf(all), null, List.of(), List.copyOf(log),
                System.currentTimeMillis() - started, next, "failed", code, error);
    }

    /** The same passage cited twice (two searches) is listed once. */
    private static List<Map<String, Object>> dedupe(List<Map<String, Object>> sources) {
        Map<Object, Map<String, Object>> byChunk = new LinkedHashMap<>();
        for (Map<String, Object> s : sources) {
            byChunk.putIfAbsent(s.getOrDefault("chunk_id", byChunk.size()), s);
        }
        return List.copyOf(byChunk.values());
    }

    /** One turn's mutable parts, shared by its nodes' contexts. */
    record Turn(FlowDocument flow, TurnEnv env, ObjectNode state, ObjectNode scratch, long deadline) {
    }

    /** A node's view of the turn. */
    private final class RunContext implements io.parley.server.chatflow.node.NodeRun {
        private final Turn turn;
        private final FlowNode node;
        private final Map<String, Object> notes = new LinkedHashMap<>();

        RunContext(Turn turn, FlowNode node) {
            this.turn = turn;
            this.node = node;
        }

        Map<String, Object> notes() {
            return notes;
        }

        @Override
        public FlowNode node() {
            return node;
        }

        @Override
        public ObjectNode state() {
            return turn.state();
        }

        @Override
        public ObjectNode scratch() {
            if (!(turn.scratch().get(node.id()) instanceof ObjectNode own)) {
                return turn.scratch().putObject(node.id());
            }
            return own;
        }

        @Override
        public String input() {
            return turn.state().path("input").asText("");
        }

        @Override
        public String render(String template) throws NodeFailure {
            return expressions.render(template, turn.state(), null);
        }

        @Override
        public String renderWithSecrets(String template) throws NodeFailure {
            return expressions.render(template, turn.state(), turn.env().secrets());
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode value(String template) throws NodeFailure {
            return expressions.value(template, turn.state());
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode renderJson(com.fasterxml.jackson.databind.JsonNode template,
                                                                  boolean secrets) throws NodeFailure {
            return expressions.renderJson(template, turn.state(), secrets ? turn.env().secrets() : null);
        }

        @Override
        public boolean test(com.fasterxml.jackson.databind.JsonNode condition) throws NodeFailure {
            return expressions.test(condition, turn.state());
        }

        @Override
        public List<io.parley.server.inference.ChatMessage> history(int limit) {
            return limit <= 0 ? List.of() : turn.env().history().apply(limit);
        }

        @Override
        public io.parley.server.chatflow.node.NodeServices services() {
            return turn.env().services();
        }

        @Override
        public String workspaceId() {
            return turn.env().workspaceId();
        }

        @Override
        public String sessionId() {
            return turn.env().sessionId();
        }

        @Override
        public int revision() {
            return turn.env().revision();
        }

        @Override
        public io.parley.server.chatflow.graph.FlowSettings settings() {
            return turn.flow().settings();
        }

        @Override
        public long remainingMillis() {
            return Math.max(0, turn.deadline() - System.currentTimeMillis());
        }

        @Override
        public ObjectNode once(java.util.function.Supplier<ObjectNode> effect) throws NodeFailure {
            String key = turn.env().sessionId() + ":" + turn.env().scope() + node.id() + ":" + turn.env().revision();
            try {
                return turn.env().effects().once(key, node.id(), effect);
            } catch (NodeFailure.Unchecked e) {
                throw e.failure();
            }
        }

        @Override
        public io.parley.server.chatflow.node.SubFlows.Result callFlow(FlowDocument called, ObjectNode inputs)
                throws NodeFailure {
            if (turn.env().depth() >= MAX_DEPTH) {
                throw new NodeFailure("sub_flow_depth", "Flows may call each other at most " + MAX_DEPTH + " levels deep");
            }
            ObjectNode variables = called.variables().deepCopy();
            variables.setAll(inputs);
            RunState start = RunState.start(variables, (ObjectNode) turn.state().get("user"),
                    (ObjectNode) turn.state().get("context"));
            TurnOutcome outcome = FlowExecutor.this.run(called, start, input(), turn.env().called(node.id()),
                    remainingMillis());
            notes.put("sub_flow_log", outcome.log().stream().map(e -> e.nodeId() + ":" + e.status()).toList());
            if (outcome.failed()) {
                throw new NodeFailure(outcome.errorCode(), "The called flow failed: " + outcome.error());
            }
            if (outcome.input() != null) {
                throw new NodeFailure("sub_flow_waits", "A called flow cannot ask the visitor questions; "
                        + "ask them in this flow and pass the answers as inputs");
            }
            return new io.parley.server.chatflow.node.SubFlows.Result(outcome.response(),
                    (ObjectNode) outcome.next().state().get("vars"));
        }

        @Override
        public void note(String key, Object value) {
            notes.put(key, value);
        }
    }
}
