package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.parley.server.chatflow.FlowExpressions;
import io.parley.server.chatflow.code.CodeSandbox;
import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowReader;
import io.parley.server.chatflow.http.HttpCaller;
import io.parley.server.chatflow.node.NodeServices;
import io.parley.server.chatflow.node.NodeTypes;
import io.parley.server.common.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor with the real node types, templates, conditions, JavaScript sandbox and HTTP
 * client, against a local web service: loops, error paths, limits, sub-flows, side effects done
 * once, hostile code and template injection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowExecutorTest {

    final HttpCaller http = new HttpCaller();
    final CodeSandbox code = new CodeSandbox();
    final List<String> received = new CopyOnWriteArrayList<>();
    final Map<String, FlowDocument> called = new ConcurrentHashMap<>();
    final AtomicInteger secretLookups = new AtomicInteger();
    HttpServer service;
    FlowExecutor executor;
    NodeServices services;

    @BeforeAll
    void start() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/orders", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Key") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = "{\"order\": {\"id\": 42, \"status\": \"shipped\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        service.createContext("/broken", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        service.start();
        NodeServices services = new NodeServices(null, null, null, null,
                (workspaceId, flowId) -> Optional.ofNullable(called.get(flowId)), http, code);
        executor = new FlowExecutor(new NodeTypes(), new FlowExpressions());
        this.services = services;
    }

    @AfterAll
    void stop() {
        service.stop(0);
        http.close();
        code.close();
    }

    String base() {
        return "http://127.0.0.1:" + service.getAddress().getPort();
    }

    /** An environment whose side effects are remembered per key, as the database does. */
    TurnEnv env(int revision, Map<String, ObjectNode> effects) {
        return new TurnEnv("workspace", "session", revision, services, n -> List.of(),
                (key, node, effect) -> {
                    ObjectNode done = effects.get(key);
                    if (done != null) {
                        return done.deepCopy().put("replayed", true);
                    }
                    ObjectNode output = effect.get();
                    effects.put(key, output.deepCopy());
                    return output;
                },
                name -> {
                    secretLookups.incrementAndGet();
                    return name.equals("orders_key") ? Optional.of("k-123") : Optional.empty();
                });
    }

    TurnOutcome run(FlowDocument flow, String input) {
        return executor.run(flow, RunState.start(flow.variables(), null, null), input, env(0, new LinkedHashMap<>()));
    }

    static FlowDocument flow(List<Map<String, Object>> nodes, List<Map<String, Object>> edges, Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>(extra);
        doc.put("nodes", nodes);
        doc.put("edges", edges);
        return FlowReader.read(Json.mapper().valueToTree(doc));
    }

    static Map<String, Object> node(String id, String type, Map<String, Object> data) {
        return Map.of("id", id, "type", type, "data", data);
    }

    static int ids;

    static Map<String, Object> edge(String source, String target, String handle) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", "e" + (++ids));
        e.put("source", source);
        e.put("target", target);
        if (handle != null) {
            e.put("sourceHandle", handle);
        }
        return e;
    }

    static List<String> path(TurnOutcome outcome) {
        return outcome.log().stream().map(LogEntry::nodeId).toList();
    }

    @Test
    @DisplayName("a loop runs its body once per item, then leaves by done; max_iterations cuts it short")
    void loop() {
        FlowDocument flow = flow(List.of(
                node("start", "trigger", Map.of()),
                node("each", "loop", Map.of("items", "{{vars.books}}", "max_iterations", 2)),
                node("note", "variable", Map.of("operations", List.of(Map.of("action", "append", "variable", "seen",
                        "value", "{{each.index}}:{{each.item.title}}")))),
                node("answer", "response", Map.of("message", "Seen {{vars.seen}}"))),
                List.of(edge("start", "each", null), edge("each", "note", "body"), edge("note", "each", null),
                        edge("each", "answer", "done")),
                Map.of("variables", Map.of("books", List.of(Map.of("title", "Holes"), Map.of("title", "Wonder"),
                        Map.of("title", "Matilda")), "seen", List.of())));
        TurnOutcome out = run(flow, "go");
        assertThat(out.response()).isEqualTo("Seen [\"0:Holes\",\"1:Wonder\"]");
        assertThat(path(out)).containsExactly("start", "each", "note", "each", "note", "each", "answer");
        assertThat(out.log().get(5).branch()).isEqualTo("done");
        assertThat(out.next().scratch().has("each")).isFalse();

        // without its own max_iterations, a loop stops at the flow's
        FlowDocument capped = flow(List.of(
                node("start", "trigger", Map.of()),
                node("each", "loop", Map.of("items", "{{vars.books}}")),
                node("note", "variable", Map.of("action", "increment", "variable", "n")),
                node("answer", "response", Map.of("message", "n={{vars.n}}"))),
                List.of(edge("start", "each", null), edge("each", "note", "body"), edge("note", "each", null),
                        edge("each", "answer", "done")),
                Map.of("variables", Map.of("books", List.of(1, 2, 3, 4, 5), "n", 0),
                        "settings", Map.of("max_iterations", 3)));
        assertThat(run(capped, "go").response()).isEqualTo("n=3");
    }

    @Test
    @DisplayName("a failing node follows its error edge with the error; without one the flow's fallback answers")
    void errorPaths() {
        FlowDocument withEdge = flow(List.of(
                node("start", "trigger", Map.of()),
                node("call", "http", Map.of("url", base() + "/broken", "retries", 0)),
                node("sorry", "response", Map.of("message", "Could not check: {{call.error_code}}"))),
                List.of(edge("start", "call", null), edge("call", "sorry", "error")), Map.of());
        TurnOutcome routed = run(withEdge, "hi");
        assertThat(routed.failed()).isFalse();
        assertThat(routed.response()).isEqualTo("Could not check: http_status");
        assertThat(routed.log().get(1).status()).isEqualTo("error");

        FlowDocument without = flow(List.of(
                node("start", "trigger", Map.of()),
                node("call", "http", Map.of("url", base() + "/broken")),
                node("never", "response", Map.of("message", "unreachable"))),
                List.of(edge("start", "call", null), edge("call", "never", null)),
                Map.of("settings", Map.of("fallback_message", "Our systems are busy, try later.")));
        TurnOutcome failed = run(without, "hi");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.errorCode()).isEqualTo("http_status");
        assertThat(failed.response()).isEqualTo("Our systems are busy, try later.");
    }

    @Test
    @DisplayName("a fallback_response stands in for a failed call, on the success path")
    void fallbackResponse() {
        FlowDocument flow = flow(List.of(
                node("start", "trigger", Map.of()),
                node("call", "http", Map.of("url", base() + "/broken", "fallback_response", Map.of("status_text", "unknown"))),
                node("answer", "response", Map.of("message", "Status: {{call.status_text}} ({{call.fallback}})"))),
                List.of(edge("start", "call", null), edge("call", "answer", null)), Map.of());
        assertThat(run(flow, "hi").response()).isEqualTo("Status: unknown (true)");
    }

    @Test
    @DisplayName("a call that changes something runs once per revision; secrets reach the service and nothing else")
    void sideEffectsOnce() {
        FlowDocument flow = flow(List.of(
                node("start", "trigger", Map.of()),
                node("create", "http", Map.of("method", "POST", "url", base() + "/orders",
                        "headers", Map.of("X-Key", "{{secret:orders_key}}"),
                        "body", Map.of("note", "{{input}}", "count", "{{vars.count}}"),
                        "response_mapping", Map.of("order_id", "$.order.id", "state", "$.order.status"))),
                node("answer", "response", Map.of("message", "Order {{create.order_id}} is {{create.state}}"))),
                List.of(edge("start", "create", null), edge("create", "answer", null)),
                Map.of("variables", Map.of("count", 3)));
        Map<String, ObjectNode> effects = new ConcurrentHashMap<>();
        RunState start = RunState.start(flow.variables(), null, null);
        int before = received.size();
        TurnOutcome first = executor.run(flow, start, "{{secret:orders_key}} please", env(7, effects));
        TurnOutcome retried = executor.run(flow, start, "{{secret:orders_key}} please", env(7, effects));
        TurnOutcome next = executor.run(flow, start, "again", env(8, effects));
        assertThat(first.response()).isEqualTo("Order 42 is shipped");
        assertThat(retried.response()).isEqualTo("Order 42 is shipped");
        assertThat(received.subList(before, received.size())).hasSize(2);
        String sent = received.get(before);
        assertThat(sent).startsWith("POST k-123 ");
        // the visitor's text is sent as typed, never resolved as a template; numbers keep their type
        assertThat(sent).contains("\"note\":\"{{secret:orders_key}} please\"").contains("\"count\":3");
        assertThat(retried.log().get(1).output().path("replayed").asBoolean()).isTrue();
        assertThat(next.log().get(1).output().has("replayed")).isFalse();
        for (TurnOutcome o : List.of(first, retried, next)) {
            assertThat(o.log().toString() + o.next().toJson()).doesNotContain("k-123");
        }
    }

    @Test
    @DisplayName("hostile code is stopped and takes the error path; normal code returns its result")
    void code() {
        List<String> hostile = List.of("while (true) {}", "return java.lang.System.getenv()",
                "return require('fs').readFileSync('/etc/passwd')", "let a = []; while (true) a.push(new Array(1e6).fill(1));",
                "return fetch('http://127.0.0.1/')");
        for (String body : hostile) {
            FlowDocument flow = flow(List.of(
                    node("start", "trigger", Map.of()),
                    node("js", "code", Map.of("code", body, "timeout_ms", 500)),
                    node("caught", "response", Map.of("message", "Stopped: {{js.error_code}}"))),
                    List.of(edge("start", "js", null), edge("js", "caught", "error")), Map.of());
            long t0 = System.nanoTime();
            TurnOutcome out = run(flow, "x");
            assertThat(out.response()).as(body).startsWith("Stopped: code_");
            assertThat((System.nanoTime() - t0) / 1_000_000).as(body).isLessThan(5_000);
        }
        FlowDocument ok = flow(List.of(
                node("start", "trigger", Map.of()),
                node("js", "code", Map.of("code", "return {total: inputs.items.reduce((a, b) => a + b, 0), who: inputs.who}",
                        "inputs", Map.of("items", "{{vars.items}}", "who", "{{input}}"))),
                node("answer", "response", Map.of("message", "{{js.who}}: {{js.total}}"))),
                List.of(edge("start", "js", null), edge("js", "answer", null)),
                Map.of("variables", Map.of("items", List.of(1, 2, 3.5))));
        assertThat(run(ok, "Ann").response()).isEqualTo("Ann: 6.5");
    }

    @Test
    @DisplayName("a flow that would run forever stops at its step limit with the fallback answer")
    void stepLimit() {
        FlowDocument flow = flow(List.of(
                node("start", "trigger", Map.of()),
                node("bump", "variable", Map.of("action", "increment", "variable", "n")),
                node("again", "condition", Map.of("branches", List.of(Map.of("id", "more", "when", "vars.n > 0"))))),
                List.of(edge("start", "bump", null), edge("bump", "again", null), edge("again", "bump", "more"),
                        edge("again", "bump", "else")),
                Map.of("settings", Map.of("max_steps", 25)));
        TurnOutcome out = run(flow, "x");
        assertThat(out.errorCode()).isEqualTo("step_limit");
        assertThat(out.log()).hasSize(25);
    }

    @Test
    @DisplayName("a sub-flow gets only its inputs and gives back only its outputs; it may not ask questions")
    void subFlow() {
        called.put("profiler", flow(List.of(
                node("start", "trigger", Map.of()),
                node("level", "condition", Map.of("branches", List.of(Map.of("id", "older",
                        "when", Map.of("var", "vars.age", "gte", 12))))),
                node("adv", "variable", Map.of("action", "set", "variable", "reading_level", "value", "advanced")),
                node("beg", "variable", Map.of("action", "set", "variable", "reading_level", "value", "beginner")),
                node("done", "response", Map.of("message", "Level {{vars.reading_level}}"))),
                List.of(edge("start", "level", null), edge("level", "adv", "older"), edge("level", "beg", "else"),
                        edge("adv", "done", null), edge("beg", "done", null)),
                Map.of("variables", Map.of("age", 0, "reading_level", ""))));
        FlowDocument parent = flow(List.of(
                node("start", "trigger", Map.of()),
                node("profile", "sub_flow", Map.of("flow_id", "profiler", "inputs", Map.of("age", "{{vars.age}}"),
                        "outputs", Map.of("vars.level", "reading_level"))),
                node("answer", "response", Map.of("message", "{{vars.level}} / {{profile.response}} / {{vars.secret_note}}"))),
                List.of(edge("start", "profile", null), edge("profile", "answer", null)),
                Map.of("variables", Map.of("age", "14", "secret_note", "kept")));
        TurnOutcome out = run(parent, "hi");
        assertThat(out.response()).isEqualTo("advanced / Level advanced / kept");
        assertThat(out.next().state().path("vars").has("reading_level")).as("only mapped outputs come back").isFalse();

        called.put("asker", flow(List.of(node("start", "trigger", Map.of()),
                        node("ask", "question", Map.of("question", "Name?"))),
                List.of(edge("start", "ask", null)), Map.of()));
        FlowDocument waiting = flow(List.of(node("start", "trigger", Map.of()),
                        node("sub", "sub_flow", Map.of("flow_id", "asker")), node("end", "response", Map.of("message", "x"))),
                List.of(edge("start", "sub", null), edge("sub", "end", null)), Map.of());
        assertThat(run(waiting, "hi").errorCode()).isEqualTo("sub_flow_waits");
    }

    @Test
    @DisplayName("a question re-asks until its retries run out, then takes the error path; missing values render empty")
    void questionRetries() {
        FlowDocument flow = flow(List.of(
                node("start", "trigger", Map.of()),
                node("age", "question", Map.of("question", "Age{{vars.missing}}?", "input_type", "number", "retries", 1,
                        "variable", "age", "validation", Map.of("min", 1, "max", 120))),
                node("ok", "response", Map.of("message", "Age {{vars.age}}")),
                node("gave_up", "response", Map.of("message", "Let's skip that."))),
                List.of(edge("start", "age", null), edge("age", "ok", null), edge("age", "gave_up", "error")), Map.of());
        Map<String, ObjectNode> effects = new LinkedHashMap<>();
        TurnOutcome asked = executor.run(flow, RunState.start(flow.variables(), null, null), "hi", env(0, effects));
        assertThat(asked.input().prompt()).isEqualTo("Age?");
        TurnOutcome bad1 = executor.run(flow, asked.next(), "old", env(1, effects));
        assertThat(bad1.messages().get(0).text()).isEqualTo("Please enter a number.");
        TurnOutcome bad2 = executor.run(flow, bad1.next(), "500", env(2, effects));
        assertThat(bad2.response()).isEqualTo("Let's skip that.");
        TurnOutcome again = executor.run(flow, bad2.next(), "hi", env(3, effects));
        TurnOutcome good = executor.run(flow, again.next(), " 1,000 ".replace("1,000", "42"), env(4, effects));
        assertThat(good.response()).isEqualTo("Age 42");
        assertThat(good.next().state().path("vars").path("age").asInt()).isEqualTo(42);
    }

    @Test
    @DisplayName("conditions: CEL with the seed's {{ }} and ===, JSON rules, numeric text, and missing values as false")
    void conditions() {
        FlowDocument flow = flow(List.of(
                node("start", "trigger", Map.of()),
                node("c", "condition", Map.of("branches", List.of(
                        Map.of("id", "missing", "when", "vars.nope == 'x'"),
                        Map.of("id", "rule_missing", "when", Map.of("var", "vars.nope", "eq", "x")),
                        Map.of("id", "refund", "when", "{{input}}.contains('refund') && {{vars.tier}} === 'gold'"),
                        Map.of("id", "teen", "when", Map.of("and", List.of(Map.of("var", "vars.age", "gte", 13),
                                Map.of("var", "vars.age", "lt", 18))))))),
                node("r1", "response", Map.of("message", "refund")),
                node("r2", "response", Map.of("message", "teen")),
                node("r3", "response", Map.of("message", "other")),
                node("bad", "response", Map.of("message", "bad"))),
                List.of(edge("start", "c", null), edge("c", "r1", "refund"), edge("c", "r2", "teen"),
                        edge("c", "r3", "else"), edge("c", "bad", "missing"), edge("c", "bad", "rule_missing")),
                Map.of("variables", Map.of("tier", "gold", "age", "15")));
        assertThat(run(flow, "I want a refund").response()).isEqualTo("refund");
        assertThat(run(flow, "hello").response()).isEqualTo("teen");
    }
}
