package io.parley.studio.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback HTTP server with canned JSON answers, standing in for a Parley server in tests of
 * the API client and view models. Unknown paths answer 404 in Parley's error envelope.
 */
public final class FakeParleyHttpServer implements AutoCloseable {

    public static final String TOKEN = "test-token";
    public static final String READY_UP = """
            {"status":"UP","checks":[{"name":"database","status":"UP"}]}""";
    public static final String READY_DATABASE_DOWN = """
            {"status":"DOWN","checks":[{"name":"database","status":"DOWN"}]}""";
    public static final String ME = """
            {"user":{"id":"u-1","email":"owner@localhost","name":"Local owner","is_local":true,
                     "created_at":"2026-11-22T10:00:00Z","avatar":"ignored"},
             "default_workspace":{"id":"w-1","name":"Default","organization_id":"o-1",
                                  "organization_name":"Personal","role":"owner"}}""";

    private record Answer(int status, String body) {
    }

    private final HttpServer http;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
    private final Map<String, java.util.List<String>> bodies = new ConcurrentHashMap<>();

    private FakeParleyHttpServer(HttpServer http) {
        this.http = http;
    }

    /** Starts with the happy answers of a freshly started embedded server. */
    public static FakeParleyHttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeParleyHttpServer fake = new FakeParleyHttpServer(http);
            http.createContext("/", fake::answer);
            http.start();
            return fake.answer("/health/ready", 200, READY_UP).answer("/api/v1/auth/me", 200, ME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeParleyHttpServer answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
        return this;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The Authorization header of the last request to {@code path}, or null. */
    public String authorizationSentTo(String path) {
        return lastAuthorization.get(path);
    }

    /** The bodies of the requests to {@code path} so far, as "METHOD body", oldest first. */
    public java.util.List<String> requestsTo(String path) {
        return java.util.List.copyOf(bodies.getOrDefault(path, java.util.List.of()));
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.computeIfAbsent(path, p -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(exchange.getRequestMethod() + " " + sent);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            lastAuthorization.put(path, authorization);
        }
        Answer answer = answers.getOrDefault(path, new Answer(404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"No route for " + path + "\"}}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
