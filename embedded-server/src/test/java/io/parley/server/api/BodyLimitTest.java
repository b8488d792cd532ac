package io.parley.server.api;

import io.parley.server.config.ParleyConfig;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** A server with a 1 KiB body limit: larger bodies are 413 however they are sent. */
@DisplayName("Request body size limit")
class BodyLimitTest {

    static final int LIMIT = 1024;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static Account user;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServer.start(ParleyConfig.embedded(dataDir).withMaxBodyBytes(LIMIT));
        user = server.signup("Limit");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A JSON object {"name": "xxx…"} of exactly {@code size} bytes. */
    static String jsonOfSize(int size) {
        String start = "{\"name\":\"";
        String end = "\"}";
        return start + "x".repeat(size - start.length() - end.length()) + end;
    }

    /** Sends without a Content-Length: the body goes chunked. */
    static Response chunked(String method, String path, String token, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a body over the limit with Content-Length is 413 payload_too_large (public and authenticated routes)")
    void overLimitWithContentLength() {
        assertError(server.post("/api/v1/auth/signup", null, jsonOfSize(LIMIT + 1)), 413, "payload_too_large");
        assertError(server.post("/api/v1/orgs", user.accessToken(), jsonOfSize(4 * LIMIT)), 413, "payload_too_large");
        assertError(server.patch("/api/v1/workspaces/" + user.workspaceId(), user.accessToken(),
                jsonOfSize(64 * LIMIT)), 413, "payload_too_large");
    }

    @Test
    @DisplayName("a body over the limit sent chunked (no Content-Length) is 413 payload_too_large")
    void overLimitChunked() {
        assertError(chunked("POST", "/api/v1/auth/signup", null, jsonOfSize(LIMIT + 1)), 413, "payload_too_large");
        assertError(chunked("POST", "/api/v1/orgs", user.accessToken(), jsonOfSize(4 * LIMIT)), 413,
                "payload_too_large");
        assertError(chunked("PATCH", "/api/v1/workspaces/" + user.workspaceId(), user.accessToken(),
                jsonOfSize(64 * LIMIT)), 413, "payload_too_large");
    }

    @Test
    @DisplayName("a body of exactly the limit is accepted and parsed, both ways of sending it")
    void exactlyAtTheLimit() {
        // {"name": "xxx…"} of 1024 bytes: too long a name (400), which proves the body was read and parsed
        assertError(server.post("/api/v1/orgs", user.accessToken(), jsonOfSize(LIMIT)), 400, "invalid_field");
        assertError(chunked("POST", "/api/v1/orgs", user.accessToken(), jsonOfSize(LIMIT)), 400, "invalid_field");
        String padded = "{\"name\":\"Padded\"}" + " ".repeat(LIMIT - 17);
        assertThat(padded).hasSize(LIMIT);
        assertStatus(chunked("POST", "/api/v1/orgs", user.accessToken(), padded), 201);
        assertStatus(server.post("/api/v1/orgs", user.accessToken(), padded), 201);
    }

    @Test
    @DisplayName("after refusing large bodies the server keeps serving")
    void serverKeepsServing() {
        for (int i = 0; i < 5; i++) {
            assertError(server.post("/api/v1/orgs", user.accessToken(), jsonOfSize(10 * LIMIT)), 413,
                    "payload_too_large");
            assertError(chunked("POST", "/api/v1/orgs", user.accessToken(), jsonOfSize(10 * LIMIT)), 413,
                    "payload_too_large");
        }
        assertStatus(server.get("/health/ready", null), 200);
        assertStatus(server.get("/api/v1/auth/me", user.accessToken()), 200);
    }

    @Test
    @DisplayName("413 answers carry the JSON envelope even when the server answers before routing")
    void envelopeBeforeRouting() {
        Response r = server.post("/api/v1/auth/login", null, jsonOfSize(100 * LIMIT));
        assertError(r, 413, "payload_too_large");
        HttpHeaders headers = r.headers();
        assertThat(headers.firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    }
}
