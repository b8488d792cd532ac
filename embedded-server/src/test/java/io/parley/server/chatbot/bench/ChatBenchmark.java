package io.parley.server.chatbot.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helidon.webserver.WebServer;
import io.parley.server.testing.TestServer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public chat endpoint beside a bare Helidon route, under the same closed-loop load in one JVM:
 * <ol>
 *   <li><b>chat</b>: {@code POST /api/v1/bots/{id}/chat} with the bot's secret key on a real
 *       {@code ParleyServer} on the embedded defaults (H2 in a temporary data folder: every answer
 *       writes its session and both messages), offline mode (no model configured: the answer
 *       quotes the passages), hybrid retrieval over a knowledge base of about 10,000 chunks
 *       ({@link BenchBot}); each client asks {@code turns} questions per conversation, then starts
 *       a new one;</li>
 *   <li><b>bare</b>: a Helidon {@code WebServer} with one route that reads the body and answers a
 *       fixed JSON, the bytes of a real chat answer (so both move the same amount of data);</li>
 *   <li><b>search</b>, for reference: {@code POST /api/v1/kb/{id}/search} on the same server with
 *       the same questions (top 5, hybrid), the retrieval every chat answer starts with.</li>
 * </ol>
 * All are driven by {@link LoadDriver}: {@code clients} virtual threads on loopback, after a
 * warm-up of each, then {@code rounds} measured passes of {@code seconds} per target, the order
 * reversed every round (chat, bare, search, search, bare, chat, …) to cancel drift. Figures are
 * over all measured passes. CPU is this process's (server, H2, Lucene, ONNX Runtime and the load
 * clients) per answered request, which load from other processes moves less than throughput.
 * Target: chat / bare throughput at least 0.3. Not a test; run by hand from the repository root
 * ({@code bin/bench-chat} does all this):
 * <pre>
 * ./mvnw -q -o -pl embedded-server test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp "embedded-server/target/test-classes:embedded-server/target/classes:$(cat embedded-server/target/cp.txt)" \
 *     io.parley.server.chatbot.bench.ChatBenchmark [corpus=../shared/datasets/cranfield] [clients=8] \
 *     [seconds=20] [warmup=10] [rounds=2] [turns=5] [chunk=36] [overlap=6] [max=1000000]
 * </pre>
 * The access log is written, as a server writes it, to a file in the temporary folder.
 */
public final class ChatBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Pattern SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");

    /** Totals of one target over its measured passes. */
    private static final class Totals {
        final String name;
        final LoadDriver.Requests requests;
        long[] latencies = new long[0];
        long failures;
        long wall;
        long cpu;
        String firstFailure;

        Totals(String name, LoadDriver.Requests requests) {
            this.name = name;
            this.requests = requests;
        }

        void add(LoadDriver.Pass pass, long cpuNanos) {
            int from = latencies.length;
            latencies = Arrays.copyOf(latencies, from + pass.latencies().length);
            System.arraycopy(pass.latencies(), 0, latencies, from, pass.latencies().length);
            failures += pass.failures();
            wall += pass.wallNanos();
            cpu += cpuNanos;
            firstFailure = firstFailure == null ? pass.firstFailure() : firstFailure;
        }

        double throughput() {
            return latencies.length / (wall / 1e9);
        }

        double percentileMs(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }

        double cpuMsPerRequest() {
            return cpu / 1e6 / latencies.length;
        }
    }

    private ChatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(BenchSupport.arg(args, "corpus", "../shared/datasets/cranfield"));
        int clients = Integer.parseInt(BenchSupport.arg(args, "clients", "8"));
        Duration seconds = Duration.ofSeconds(Long.parseLong(BenchSupport.arg(args, "seconds", "20")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(BenchSupport.arg(args, "warmup", "10")));
        int rounds = Integer.parseInt(BenchSupport.arg(args, "rounds", "2"));
        int turns = Integer.parseInt(BenchSupport.arg(args, "turns", "5"));
        int maxRequests = Integer.parseInt(BenchSupport.arg(args, "max", "1000000"));
        Path dir = Files.createTempDirectory("parley-chat-bench-");
        Logger access = Logger.getLogger("parley.access");
        access.setUseParentHandlers(false);
        FileHandler accessFile = new FileHandler(dir.resolve("access.log").toString());
        accessFile.setFormatter(new SimpleFormatter());
        access.addHandler(accessFile);
        try (TestServer parley = TestServer.embedded(dir.resolve("data")); LoadDriver load = new LoadDriver(clients)) {
            BenchBot.Deployed bot = BenchBot.deploy(parley, corpus, Integer.parseInt(BenchSupport.arg(args, "chunk", "36")),
                    Integer.parseInt(BenchSupport.arg(args, "overlap", "6")));
            URI chatUri = parley.uri("/api/v1/bots/" + bot.botId() + "/chat");
            LoadDriver.Requests chat = (client, i, previous) -> {
                String session = i % turns == 0 || previous == null ? null : sessionOf(previous);
                String body = "{\"message\":" + BenchSupport.quoted(question(bot, client, i))
                        + (session == null ? "" : ",\"session_id\":\"" + session + "\"") + "}";
                return LoadDriver.post(chatUri, bot.secretKey(), body).build();
            };
            byte[] answer = load.once(chat.next(0, 0, null)).getBytes(StandardCharsets.UTF_8);
            if (!new String(answer, StandardCharsets.UTF_8).contains("\"kb_id\"")) {
                throw new IllegalStateException("the chat answer cites no passage: " + new String(answer, StandardCharsets.UTF_8));
            }
            WebServer bare = BenchSupport.bareServer(answer);
            try {
                URI bareUri = URI.create("http://127.0.0.1:" + bare.port() + "/chat");
                URI searchUri = parley.uri("/api/v1/kb/" + bot.kbId() + "/search");
                List<Totals> targets = List.of(
                        new Totals("chat", chat),
                        new Totals("bare", (client, i, previous) -> LoadDriver.post(bareUri, bot.secretKey(),
                                "{\"message\":" + BenchSupport.quoted(question(bot, client, i)) + "}").build()),
                        new Totals("search", (client, i, previous) -> LoadDriver.post(searchUri, bot.builderToken(),
                                "{\"query\":" + BenchSupport.quoted(question(bot, client, i))
                                        + ",\"top_k\":5,\"search_method\":\"hybrid\"}").build()));
                System.out.printf(Locale.ROOT, "%s: %,d documents -> %,d chunks (recursive %s/%s tokens, %s), "
                                + "ingested in %.0f s; %d cores, Java %s%n", bot.corpus(), bot.documents(), bot.chunks(),
                        BenchSupport.arg(args, "chunk", "36"), BenchSupport.arg(args, "overlap", "6"), BenchBot.MODEL, bot.ingestSeconds(),
                        Runtime.getRuntime().availableProcessors(), Runtime.version());
                System.out.printf(Locale.ROOT, "%d closed-loop clients (virtual threads, HTTP/1.1 keep-alive, loopback); "
                                + "warm-up %d s each, then %d x %d s per target, order reversed every round%n"
                                + "chat   = POST /api/v1/bots/{id}/chat, secret key, offline mode, top 5 hybrid, "
                                + "%d questions per session, H2 persistence on%n"
                                + "bare   = a Helidon route answering the same %,d-byte JSON%n"
                                + "search = POST /api/v1/kb/{id}/search, same questions, top 5 hybrid "
                                + "(the retrieval a chat answer starts with; for reference)%n",
                        clients, warmUp.toSeconds(), rounds, seconds.toSeconds(), turns, answer.length);
                for (Totals t : targets) {
                    load.run(t.requests, warmUp, maxRequests);
                }
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < targets.size(); k++) {
                        Totals t = targets.get(r % 2 == 0 ? k : targets.size() - 1 - k);
                        long c0 = OS.getProcessCpuTime();
                        LoadDriver.Pass pass = load.run(t.requests, seconds, maxRequests);
                        t.add(pass, OS.getProcessCpuTime() - c0);
                    }
                }
                print(targets);
            } finally {
                bare.stop();
            }
        } finally {
            accessFile.close();
            BenchSupport.delete(dir);
        }
    }


    private static void print(List<Totals> targets) {
        System.out.printf(Locale.ROOT, "%n%-6s | %9s | %8s | %9s | %7s | %7s | %10s%n", "target", "requests", "failures",
                "req/s", "p50 ms", "p99 ms", "CPU ms/req");
        for (Totals t : targets) {
            System.out.printf(Locale.ROOT, "%-6s | %,9d | %8d | %9.1f | %7.2f | %7.2f | %10.2f%n", t.name,
                    t.latencies.length, t.failures, t.throughput(), t.percentileMs(0.50), t.percentileMs(0.99),
                    t.cpuMsPerRequest());
            if (t.firstFailure != null) {
                System.out.println("  first failure: " + t.firstFailure);
            }
        }
        Totals chat = targets.get(0);
        Totals bare = targets.get(1);
        Totals search = targets.get(2);
        System.out.printf(Locale.ROOT, "%nchat / bare throughput: %.3f (target >= 0.3); by CPU per request: %.3f%n"
                        + "chat / search throughput: %.3f; by CPU per request: %.3f%n",
                chat.throughput() / bare.throughput(), bare.cpuMsPerRequest() / chat.cpuMsPerRequest(),
                chat.throughput() / search.throughput(), search.cpuMsPerRequest() / chat.cpuMsPerRequest());
    }

    private static String question(BenchBot.Deployed bot, int client, int i) {
        return bot.questions().get(Math.floorMod(client * 7919 + i, bot.questions().size()));
    }

    private static String sessionOf(byte[] answer) {
        Matcher m = SESSION.matcher(new String(answer, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }



}
