package io.parley.server.chatflow.http;

import io.parley.server.chatflow.http.ScriptedServer.Reply;
import io.parley.server.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpCallerTest {

    private static final Duration FAST = Duration.ofMillis(10);
    private static final String BOOKS = """
            {"data": {"books": [{"title": "Dune", "age": 12}, {"title": "Matilda", "age": 8},
                                {"title": "Holes", "age": 9}], "total": 3}}""";

    private ScriptedServer server;
    private HttpCaller caller;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        caller = new HttpCaller(HttpCallerSettings.DEFAULTS.withBreakerDelay(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        caller.close();
        server.close();
    }

    private HttpCall get(String path) {
        return HttpCall.get(server.uri(path));
    }

    @Test
    void postsAndMapsTheJsonAnswer() {
        server.script("/recommendations", Reply.json(200, BOOKS).withHeader("X-Request-Id", "r-1"));
        HttpCall call = new HttpCall("post", server.uri("/recommendations"), Map.of(), "{\"user_id\": 7}",
                Duration.ofSeconds(5), 3, Duration.ofSeconds(1), null);

        HttpOutcome outcome = caller.call(call);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.headers()).containsEntry("content-type", "application/json").containsEntry("x-request-id", "r-1");
        ScriptedServer.Received received = server.received("/recommendations").getFirst();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.body()).isEqualTo("{\"user_id\": 7}");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");

        ResponseMapping.Mapped mapped = ResponseMapping.of(Map.of(
                "recommendations", "$.data.books",
                "count", "$.data.total",
                "young", "$.data.books[?(@.age < 10)].title")).apply(outcome.json());

        assertThat(mapped.values().get("recommendations").size()).isEqualTo(3);
        assertThat(mapped.values().get("count").asInt()).isEqualTo(3);
        assertThat(mapped.values().get("young").toString()).isEqualTo("[\"Matilda\",\"Holes\"]");
        assertThat(mapped.missing()).isEmpty();
    }

    @Test
    void retriesA503UntilItSucceeds() {
        server.script("/flaky", Reply.status(503), Reply.status(503), Reply.json(200, "{\"ok\": true}"));

        HttpOutcome outcome = caller.call(get("/flaky").withRetries(3, FAST));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.json().get("ok").asBoolean()).isTrue();
        assertThat(server.received("/flaky")).hasSize(3);
    }

    @Test
    void reportsTheLastStatusWhenRetriesRunOut() {
        server.script("/down", Reply.status(503));

        HttpOutcome outcome = caller.call(get("/down").withRetries(2, FAST));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.failure()).isEqualTo(HttpFailure.HTTP_STATUS);
        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.body()).isEqualTo("status 503");
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.message()).endsWith("answered 503 Service Unavailable. (3 attempts)");
    }

    @Test
    void waitsAsLongAsRetryAfterSays() {
        server.script("/limited", Reply.status(429).withHeader("Retry-After", "1"), Reply.json(200, "{}"));

        HttpOutcome outcome = caller.call(get("/limited").withRetries(2, FAST));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(ScriptedServer.gapsMillis(server.received("/limited")).getFirst()).isGreaterThanOrEqualTo(950);
    }

    @Test
    void doesNotWaitForARetryAfterBeyondTheCap() {
        server.script("/limited", Reply.status(429).withHeader("Retry-After", "120"), Reply.json(200, "{}"));

        HttpOutcome outcome = caller.call(get("/limited").withRetries(2, FAST));

        assertThat(outcome.failure()).isEqualTo(HttpFailure.HTTP_STATUS);
        assertThat(outcome.status()).isEqualTo(429);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.headers()).containsEntry("retry-after", "120");
        assertThat(outcome.message()).contains("429 Too Many Requests", "asked to wait 120 s");
    }

    @Test
    void doesNotRetryA404() {
        server.script("/missing", Reply.json(404, "{\"error\": \"no such user\"}"));

        HttpOutcome outcome = caller.call(get("/missing").withRetries(3, FAST));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.failure()).isEqualTo(HttpFailure.HTTP_STATUS);
        assertThat(outcome.status()).isEqualTo(404);
        assertThat(outcome.json().get("error").asText()).isEqualTo("no such user");
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.message()).isEqualTo("The service answered 404 Not Found.");
        assertThat(server.received("/missing")).hasSize(1);
    }

    @Test
    void slowAnswerTimesOut() {
        server.script("/slow", Reply.json(200, "{}").delayed(Duration.ofSeconds(10)));
        long start = System.nanoTime();

        HttpOutcome outcome = caller.call(get("/slow").withTimeout(Duration.ofMillis(250)).withRetries(1, FAST));

        assertThat(outcome.failure()).isEqualTo(HttpFailure.TIMEOUT);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.message()).startsWith("127.0.0.1:").contains("did not answer within 250 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        HttpOutcome outcome = caller.call(HttpCall.get(URI.create("http://127.0.0.1:" + port + "/x")).withRetries(1, FAST));

        assertThat(outcome.failure()).isEqualTo(HttpFailure.CONNECTION);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.message()).contains("Could not reach 127.0.0.1:" + port);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresThenHalfOpens() {
        server.script("/broken", Reply.status(500));
        HttpCall call = get("/broken").withBreakerKey("books-api");

        for (int i = 0; i < 3; i++) {
            assertThat(caller.call(call).failure()).isEqualTo(HttpFailure.HTTP_STATUS);
        }
        HttpOutcome fast = caller.call(call);

        assertThat(fast.failure()).isEqualTo(HttpFailure.CIRCUIT_OPEN);
        assertThat(fast.attempts()).isZero();
        assertThat(fast.message()).startsWith("Calls to books-api are paused after repeated failures");
        assertThat(server.received("/broken")).hasSize(3);
        // another key is not affected
        assertThat(caller.call(call.withBreakerKey("other")).failure()).isEqualTo(HttpFailure.HTTP_STATUS);

        server.script("/broken", Reply.json(200, "{}"));
        List<HttpFailure> seen = new ArrayList<>();
        Await.until("the circuit to let a call through", Duration.ofSeconds(5), () -> {
            HttpOutcome outcome = caller.call(call);
            seen.add(outcome.failure());
            return outcome.success();
        });

        assertThat(seen.getLast()).isNull();
        assertThat(caller.call(call).success()).isTrue(); // closed again
    }

    @Test
    void answerLargerThanTheCapIsNotRead() throws Exception {
        try (HttpCaller small = new HttpCaller(HttpCallerSettings.DEFAULTS.withMaxBodyBytes(64 * 1024))) {
            String big = "x".repeat(200 * 1024);
            server.script("/declared", new Reply(200, Map.of("Content-Type", "text/plain"), big, Duration.ZERO, false));
            server.script("/chunked", new Reply(200, Map.of("Content-Type", "text/plain"), big, Duration.ZERO, true));

            for (String path : List.of("/declared", "/chunked")) {
                HttpOutcome outcome = small.call(get(path).withRetries(2, FAST));
                assertThat(outcome.failure()).as(path).isEqualTo(HttpFailure.TOO_LARGE);
                assertThat(outcome.attempts()).as(path).isEqualTo(1);
                assertThat(outcome.body()).isNull();
                assertThat(outcome.message()).contains("larger than 64 KB");
            }
        }
    }

    @Test
    void defaultCapIsOneMegabyte() {
        server.script("/big", new Reply(200, Map.of(), "y".repeat(1024 * 1024 + 1), Duration.ZERO, true));
        server.script("/fits", new Reply(200, Map.of(), "y".repeat(1024 * 1024), Duration.ZERO, true));

        assertThat(caller.call(get("/big")).failure()).isEqualTo(HttpFailure.TOO_LARGE);
        assertThat(caller.call(get("/fits")).body()).hasSize(1024 * 1024);
    }

    @Test
    void onlyHttpAndHttpsUrls() {
        for (String url : List.of("ftp://example.com/file", "file:///etc/passwd", "mailto:someone@example.com",
                "/relative/path", "javascript:alert(1)")) {
            HttpOutcome outcome = caller.call(HttpCall.get(URI.create(url)));
            assertThat(outcome.failure()).as(url).isEqualTo(HttpFailure.INVALID_URL);
            assertThat(outcome.attempts()).isZero();
            assertThat(outcome.message()).as(url).startsWith("The URL must start with https:// or http://");
        }
        assertThat(caller.call(HttpCall.get(URI.create("http:///nohost"))).message()).contains("no host name");
    }

    @Test
    void headersReachTheServerButNeverTheStrings() {
        server.script("/secure", Reply.json(200, "{\"me\": \"ok\"}"));
        HttpCall call = get("/secure?api_key=query-s3cret")
                .withHeaders(Map.of("Authorization", "Bearer s3cret-token", "X-Api-Key", "key-s3cret"));

        HttpOutcome outcome = caller.call(call);

        assertThat(outcome.success()).isTrue();
        ScriptedServer.Received received = server.received("/secure").getFirst();
        assertThat(received.header("Authorization")).isEqualTo("Bearer s3cret-token");
        assertThat(received.header("X-Api-Key")).isEqualTo("key-s3cret");
        assertThat(outcome.toString()).doesNotContain("s3cret").contains("success", "status 200");
        assertThat(call.toString()).doesNotContain("s3cret").contains("2 header(s)");
    }

    @Test
    void headersTheClientSetsAreRefused() {
        assertThatThrownBy(() -> get("/x").withHeaders(Map.of("Host", "evil.example")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"Host\" cannot be set");
        assertThatThrownBy(() -> new HttpCall("TRACE", server.uri("/x"), null, null, null, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void breakerKeyDefaultsToTheHost() {
        assertThat(HttpCall.get(URI.create("https://api.example.com/books?key=1")).breakerKey()).isEqualTo("api.example.com");
        assertThat(HttpCall.get(URI.create("http://127.0.0.1:8080/x")).breakerKey()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfBreakers() {
        Breakers breakers = new Breakers(new HttpCallerSettings(Duration.ofSeconds(1), 1024, Duration.ofSeconds(1),
                3, 5, Duration.ofSeconds(1), 2));

        var first = breakers.forKey("a");
        breakers.forKey("b");
        breakers.forKey("c");

        assertThat(breakers.size()).isEqualTo(2);
        assertThat(breakers.forKey("a")).isNotSameAs(first);
    }

    @Test
    void textAnswerHasNoJson() {
        server.script("/text", new Reply(200, Map.of("Content-Type", "text/plain; charset=utf-8"), "héllo", Duration.ZERO, false));

        HttpOutcome outcome = caller.call(get("/text"));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.body()).isEqualTo("héllo");
        assertThat(outcome.json()).isNull();
    }
}
