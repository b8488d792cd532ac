package io.parley.server.chatflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.helidon.webserver.WebServer;
import io.parley.server.chatbot.bench.BenchSupport;
import io.parley.server.chatbot.bench.LoadDriver;
import io.parley.server.chatflow.FlowExpressions;
import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowReader;
import io.parley.server.chatflow.node.NodeServices;
import io.parley.server.chatflow.node.NodeTypes;
import io.parley.server.chatflow.run.FlowExecutor;
import io.parley.server.chatflow.run.RunState;
import io.parley.server.chatflow.run.TurnEnv;
import io.parley.server.chatflow.run.TurnOutcome;
import io.parley.server.common.Json;
import io.parley.server.testing.TestServer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chatflow executor's cost, in two parts, printed side by side:
 * <ol>
 *   <li><b>executor</b>, in memory on one thread: a 20-node flow (variables, CEL and rule
 *       conditions, messages, a response; no model or HTTP calls) beside a 2-node flow (trigger →
 *       response); the difference divided by 18 is the executor's overhead per node;</li>
 *   <li><b>turns over HTTP</b>: the 20-node flow deployed on a real Parley server on the embedded
 *       defaults (H2: every turn reads and writes the conversation's flow state and both messages),
 *       answering {@code POST /api/v1/bots/{id}/chat} under closed-loop load on loopback, beside a
 *       bare Helidon route returning the same answer.</li>
 * </ol>
 * Not a test; {@code bin/bench-flow} runs it. Arguments: {@code seconds=10 warmup=5 clients=8 turns=5}.
 */
public final class FlowBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Pattern SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");

    private FlowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration seconds = Duration.ofSeconds(Long.parseLong(BenchSupport.arg(args, "seconds", "10")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(BenchSupport.arg(args, "warmup", "5")));
        int clients = Integer.parseInt(BenchSupport.arg(args, "clients", "8"));
        int turns = Integer.parseInt(BenchSupport.arg(args, "turns", "5"));
        System.out.printf(Locale.ROOT, "%d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        executor(seconds, warmUp);
        overHttp(seconds, warmUp, clients, turns);
    }

    // --- part 1 ------------------------------------------------------------------------------

    private static void executor(Duration seconds, Duration warmUp) {
        FlowExpressions expressions = new FlowExpressions();
        FlowExecutor executor = new FlowExecutor(new NodeTypes(), expressions);
        FlowDocument small = FlowReader.read(smallFlow());
        FlowDocument large = FlowReader.read(largeFlow());
        TurnEnv env = new TurnEnv("workspace", "session", 0, new NodeServices(null, null, null, null, null, null, null),
                n -> List.of(), TurnEnv.Effects.NONE, name -> Optional.empty());
        TurnOutcome check = executor.run(large, RunState.start(large.variables(), null, null), "Ann", env);
        if (check.failed() || check.log().size() != 20) {
            throw new IllegalStateException("the 20-node flow did not run its 20 nodes: " + check.error() + " "
                    + check.log().stream().map(e -> e.nodeId() + ":" + e.status()).toList());
        }
        measure(executor, small, env, warmUp);
        measure(executor, large, env, warmUp);
        double[] smallNs = new double[2];
        double[] largeNs = new double[2];
        for (int round = 0; round < 2; round++) {
            smallNs[round] = measure(executor, small, env, seconds);
            largeNs[round] = measure(executor, large, env, seconds);
        }
        double s = Arrays.stream(smallNs).min().orElseThrow();
        double l = Arrays.stream(largeNs).min().orElseThrow();
        System.out.printf(Locale.ROOT, "%nexecutor (in memory, one thread, best of 2 x %d s)%n", seconds.toSeconds());
        System.out.printf(Locale.ROOT, "%-22s | %12s | %10s%n", "flow", "turns/s", "us/turn");
        System.out.printf(Locale.ROOT, "%-22s | %,12.0f | %10.1f%n", "2 nodes", 1e9 / s, s / 1e3);
        System.out.printf(Locale.ROOT, "%-22s | %,12.0f | %10.1f%n", "20 nodes", 1e9 / l, l / 1e3);
        System.out.printf(Locale.ROOT, "overhead per node: %.2f us ((20-node - 2-node) / 18)%n", (l - s) / 18 / 1e3);
    }

    /** Nanoseconds per turn over {@code duration}. */
    private static double measure(FlowExecutor executor, FlowDocument flow, TurnEnv env, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long n = 0;
        RunState state = RunState.start(flow.variables(), null, null);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                TurnOutcome out = executor.run(flow, state, "Ann", env);
                if (out.failed()) {
                    throw new IllegalStateException(out.error());
                }
            }
            n += 100;
        }
        return (System.nanoTime() - start) / (double) n;
    }

    // --- part 2 ------------------------------------------------------------------------------

    private static void overHttp(Duration seconds, Duration warmUp, int clients, int turns) throws Exception {
        Path dir = Files.createTempDirectory("parley-flow-bench-");
        try (TestServer parley = TestServer.embedded(dir.resolve("data")); LoadDriver load = new LoadDriver(clients)) {
            TestServer.Account builder = parley.signup("Bench");
            String draft = parley.post("/api/v1/chatflows/draft", builder.accessToken(), largeFlow()).json()
                    .path("draft_id").asText();
            var deployed = parley.post("/api/v1/chatflows/draft/" + draft + "/deploy", builder.accessToken(), null).json();
            String flowId = deployed.path("chatflow_id").asText();
            String key = deployed.path("api_key").asText();
            if (flowId.isEmpty()) {
                throw new IllegalStateException("deploy failed: " + deployed);
            }
            URI chat = parley.uri("/api/v1/bots/" + flowId + "/chat");
            LoadDriver.Requests turn = (client, i, previous) -> {
                String session = i % turns == 0 || previous == null ? null : sessionOf(previous);
                return LoadDriver.post(chat, key, "{\"message\":\"Ann\"" + (session == null ? "" : ",\"session_id\":\""
                        + session + "\"") + "}").build();
            };
            byte[] answer = load.once(turn.next(0, 0, null)).getBytes(StandardCharsets.UTF_8);
            WebServer bare = BenchSupport.bareServer(answer);
            try {
                URI bareUri = URI.create("http://127.0.0.1:" + bare.port() + "/chat");
                LoadDriver.Requests baseline = (client, i, previous) -> LoadDriver.post(bareUri, key,
                        "{\"message\":\"Ann\"}").build();
                Map<String, LoadDriver.Requests> targets = new LinkedHashMap<>();
                targets.put("flow", turn);
                targets.put("bare", baseline);
                for (LoadDriver.Requests r : targets.values()) {
                    load.run(r, warmUp, Integer.MAX_VALUE);
                }
                Map<String, List<LoadDriver.Pass>> passes = new LinkedHashMap<>();
                Map<String, Long> cpu = new LinkedHashMap<>();
                List<String> order = new ArrayList<>(targets.keySet());
                for (int round = 0; round < 2; round++) {
                    for (String name : round == 0 ? order : order.reversed()) {
                        long c0 = OS.getProcessCpuTime();
                        passes.computeIfAbsent(name, k -> new ArrayList<>()).add(load.run(targets.get(name), seconds,
                                Integer.MAX_VALUE));
                        cpu.merge(name, OS.getProcessCpuTime() - c0, Long::sum);
                    }
                }
                System.out.printf(Locale.ROOT, "%nturns over HTTP: %d closed-loop clients on loopback, %d turns per "
                        + "conversation, 2 x %d s per target%n", clients, turns, seconds.toSeconds());
                System.out.printf(Locale.ROOT, "flow = POST /api/v1/bots/{id}/chat on the 20-node flow, H2 persistence on%n"
                        + "bare = a Helidon route answering the same %,d bytes%n", answer.length);
                System.out.printf(Locale.ROOT, "%-6s | %9s | %8s | %9s | %7s | %7s | %10s%n", "target", "turns", "failures",
                        "turns/s", "p50 ms", "p99 ms", "CPU ms/turn");
                Map<String, Double> rate = new LinkedHashMap<>();
                for (String name : order) {
                    long[] lat = passes.get(name).stream().flatMapToLong(p -> Arrays.stream(p.latencies())).sorted().toArray();
                    long wall = passes.get(name).stream().mapToLong(LoadDriver.Pass::wallNanos).sum();
                    long failures = passes.get(name).stream().mapToLong(LoadDriver.Pass::failures).sum();
                    double perSecond = lat.length / (wall / 1e9);
                    rate.put(name, perSecond);
                    System.out.printf(Locale.ROOT, "%-6s | %,9d | %8d | %9.1f | %7.2f | %7.2f | %10.3f%n", name, lat.length,
                            failures, perSecond, pct(lat, 0.5), pct(lat, 0.99), cpu.get(name) / 1e6 / Math.max(1, lat.length));
                    passes.get(name).stream().map(LoadDriver.Pass::firstFailure).filter(f -> f != null).findFirst()
                            .ifPresent(f -> System.out.println("  first failure: " + f));
                }
                System.out.printf(Locale.ROOT, "flow / bare throughput: %.3f%n", rate.get("flow") / rate.get("bare"));
            } finally {
                bare.stop();
            }
        } finally {
            BenchSupport.delete(dir);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String sessionOf(byte[] answer) {
        Matcher m = SESSION.matcher(new String(answer, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    // --- the flows ---------------------------------------------------------------------------

    static ObjectNode smallFlow() {
        return Json.mapper().valueToTree(Map.of("name", "Small",
                "nodes", List.of(node("start", "trigger", Map.of()), node("answer", "response", Map.of("message", "Hi {{input}}"))),
                "edges", List.of(edge("start", "answer", null))));
    }

    /** 20 nodes on one path: variables, CEL and rule conditions, messages and a response. */
    static ObjectNode largeFlow() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        List<String> path = new ArrayList<>();
        nodes.add(node("start", "trigger", Map.of()));
        path.add("start");
        nodes.add(node("v1", "variable", Map.of("operations", List.of(
                Map.of("action", "set", "variable", "name", "value", "{{input}}"),
                Map.of("action", "increment", "variable", "visits")))));
        path.add("v1");
        nodes.add(node("v2", "variable", Map.of("operations", List.of(
                Map.of("action", "append", "variable", "temp.seen", "value", "{{vars.name}}")))));
        path.add("v2");
        for (int block = 0; block < 4; block++) {
            String c = "c" + block;
            nodes.add(node(c, "condition", Map.of("branches", List.of(Map.of("id", "yes", "when",
                    block % 2 == 0 ? "vars.visits >= 1 && size(vars.name) > 0" : Map.of("var", "vars.visits", "gte", 1))))));
            path.add(c);
            nodes.add(node("m" + block, "message", Map.of("message", "Step " + block + " for {{vars.name}} ({{vars.visits}})")));
            path.add("m" + block);
            nodes.add(node("a" + block, "variable", Map.of("operations", List.of(
                    Map.of("action", "set", "variable", "temp.step", "value", "{{m" + block + ".text}}")))));
            path.add("a" + block);
            nodes.add(node("b" + block, "variable", Map.of("operations", List.of(
                    Map.of("action", "increment", "variable", "counter", "value", 2)))));
            path.add("b" + block);
        }
        nodes.add(node("answer", "response", Map.of("message", "Done, {{vars.name}}: {{vars.counter}}")));
        path.add("answer");
        if (nodes.size() != 20) {
            throw new IllegalStateException("the large flow must have 20 nodes, has " + nodes.size());
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            edges.add(edge(path.get(i), path.get(i + 1), path.get(i).startsWith("c") ? "yes" : null));
        }
        for (int block = 0; block < 4; block++) {
            edges.add(edge("c" + block, "answer", "else"));
        }
        return Json.mapper().valueToTree(Map.of("name", "Twenty nodes", "nodes", nodes, "edges", edges,
                "variables", Map.of("name", "", "visits", 0, "counter", 0)));
    }

    private static Map<String, Object> node(String id, String type, Map<String, Object> data) {
        return Map.of("id", id, "type", type, "position", Map.of("x", 0, "y", 0), "data", data);
    }

    private static int edges;

    private static Map<String, Object> edge(String source, String target, String handle) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", "e" + (++edges));
        e.put("source", source);
        e.put("target", target);
        if (handle != null) {
            e.put("sourceHandle", handle);
        }
        return e;
    }
}
