package io.parley.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real HTTP server on loopback that speaks OpenAI's {@code POST /v1/chat/completions}: each
 * request takes the next scripted {@link Reply} (answers, streams, error statuses, hangs, broken
 * connections) and is recorded so tests can check what the client sent.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** What the server does with one request. */
    @FunctionalInterface
    public interface Reply {
        void write(HttpExchange exchange) throws IOException;
    }

    /** A request as received: the Authorization header and the JSON body. */
    public record Received(String authorization, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                        JSON.readTree(exchange.getRequestBody())));
                Reply reply = replies.poll();
                (reply != null ? reply : status(500, Map.of(), "{\"error\":{\"message\":\"no reply scripted\"}}"))
                        .write(exchange);
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
        });
        server.start();
    }

    public static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What precedes {@code /chat/completions}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public FakeOpenAiServer then(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // --- replies ---

    public static Reply answer(String content, int promptTokens, int completionTokens) {
        return exchange -> json(exchange, 200, Map.of(), """
                {"id":"chatcmpl-1","object":"chat.completion","model":"fake-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(quote(content), promptTokens, completionTokens, promptTokens + completionTokens));
    }

    /** A complete stream: one chunk per delta, a finish chunk, a usage chunk, then {@code [DONE]}. */
    public static Reply stream(List<String> deltas, int promptTokens, int completionTokens) {
        return exchange -> {
            OutputStream out = startStream(exchange, 0);
            for (String delta : deltas) {
                event(out, deltaChunk(delta));
            }
            event(out, "{\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            event(out, "{\"model\":\"fake-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d}}"
                    .formatted(promptTokens, completionTokens));
            event(out, "[DONE]");
        };
    }

    /** Sends {@code deltas}, then drops the connection (a response promised longer than it is). */
    public static Reply streamThenDrop(List<String> deltas) {
        return exchange -> {
            OutputStream out = startStream(exchange, 100_000);
            for (String delta : deltas) {
                event(out, deltaChunk(delta));
            }
            // returning now closes the exchange short of its Content-Length: the connection is cut
        };
    }

    /**
     * Streams a delta every 20 ms, for up to 10 s, until a write fails; then counts down
     * {@code clientGone}: proof that the client closed the connection.
     */
    public static Reply endlessStream(CountDownLatch clientGone) {
        return exchange -> {
            OutputStream out = startStream(exchange, 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    event(out, deltaChunk("tok "));
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the model "thinking"
                }
            } catch (IOException e) {
                clientGone.countDown();
            }
        };
    }

    public static Reply status(int status, Map<String, String> headers, String body) {
        return exchange -> json(exchange, status, headers, body);
    }

    /** Body bytes as given, with a JSON content type: for malformed answers. */
    public static Reply raw(String body) {
        return exchange -> json(exchange, 200, Map.of(), body);
    }

    /** Never answers, until the server closes. */
    public Reply hang() {
        return exchange -> {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static String deltaChunk(String delta) {
        return "{\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%s},\"finish_reason\":null}]}"
                .formatted(quote(delta));
    }

    private static OutputStream startStream(HttpExchange exchange, long length) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, length);
        return exchange.getResponseBody();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
