package io.parley.server.inference;

import io.parley.server.testing.Await;
import io.parley.server.testing.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.parley.server.testing.FakeOpenAiServer.answer;
import static io.parley.server.testing.FakeOpenAiServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The OpenAI-compatible provider against a real loopback server speaking the protocol. */
class OpenAiCompatibleProviderTest {

    private static final String KEY = "sk-test-secret-4242";
    private static final ChatRequest QUESTION = new ChatRequest(
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Say hello")), null, 0.2, 64, List.of("\n\n"));

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private OpenAiCompatibleProvider provider = provider(Duration.ofSeconds(5));

    @AfterEach
    void close() {
        provider.close();
        server.close();
    }

    private OpenAiCompatibleProvider provider(Duration timeout) {
        return new OpenAiCompatibleProvider(new OpenAiCompatibleSettings(server.baseUrl(), "fake-model", KEY, timeout,
                2, Duration.ofMillis(10), Duration.ofSeconds(2)));
    }

    @Test
    void answersWithContentUsageAndModel() {
        server.then(answer("Hello there", 12, 3));

        ChatResponse response = provider.complete(QUESTION);

        assertThat(response.content()).isEqualTo("Hello there");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new TokenUsage(12, 3));
        assertThat(response.model()).isEqualTo("fake-model");
        assertThat(response.latency()).isPositive();
        var sent = server.received().getFirst();
        assertThat(sent.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(sent.body().path("model").asText()).isEqualTo("fake-model");
        assertThat(sent.body().path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.body().path("messages").path(1).path("content").asText()).isEqualTo("Say hello");
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.body().path("stop").path(0).asText()).isEqualTo("\n\n");
        assertThat(sent.body().has("stream")).isFalse();
    }

    @Test
    void streamsDeltasInOrderThenUsage() throws Exception {
        server.then(FakeOpenAiServer.stream(List.of("Hel", "lo", " world"), 9, 3));
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResponse response = provider.stream(QUESTION, deltas::add).result().get(5, TimeUnit.SECONDS);

        assertThat(deltas).containsExactly("Hel", "lo", " world");
        assertThat(response.content()).isEqualTo("Hello world");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new TokenUsage(9, 3));
        assertThat(response.model()).isEqualTo("fake-model");
        var body = server.received().getFirst().body();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void waitsForRetryAfterThenRetriesARateLimit() {
        server.then(status(429, Map.of("Retry-After", "1"), "{\"error\":{\"message\":\"slow down\"}}"),
                answer("ok", 1, 1));
        long start = System.nanoTime();

        assertThat(provider.complete(QUESTION).content()).isEqualTo("ok");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1000), Duration.ofSeconds(3));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void reportsARetryAfterLongerThanTheLongestWaitWithoutWaiting() {
        server.then(status(429, Map.of("Retry-After", "120"), "{}"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.complete(QUESTION));

        assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void retriesServerErrorsWithBackoff() {
        server.then(status(500, Map.of(), "{}"), status(503, Map.of(), ""), answer("third time", 1, 2));

        assertThat(provider.complete(QUESTION).content()).isEqualTo("third time");
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void retriesAStreamThatFailsBeforeItStarts() throws Exception {
        server.then(status(502, Map.of(), ""), FakeOpenAiServer.stream(List.of("fine"), 1, 1));

        assertThat(provider.stream(QUESTION, d -> { }).result().get(5, TimeUnit.SECONDS).content()).isEqualTo("fine");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void givesUpAfterTheLastRetry() {
        server.then(status(500, Map.of(), "{}"), status(500, Map.of(), "{}"), status(500, Map.of(), "{}"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.complete(QUESTION));

        assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_ERROR);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void refusedKeyFailsAtOnceAndIsNeverShown() {
        server.then(status(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.complete(QUESTION));

        assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_AUTH_FAILED);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("API key");
        assertThat(e.toParleyException().code()).isEqualTo("provider_auth_failed");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void providerErrorTextIsShownWithoutTheKey() {
        server.then(status(400, Map.of(), "{\"error\":{\"message\":\"model 'x' not found for key " + KEY + "\"}}"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.complete(QUESTION));

        assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_ERROR);
        assertThat(e.getMessage()).contains("model 'x' not found").contains("***").doesNotContain(KEY);
        assertThat(String.valueOf(provider.toString()) + e).doesNotContain(KEY);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void slowServerTimesOutWithoutRetry() {
        provider.close();
        provider = provider(Duration.ofMillis(300));
        server.then(server.hang(), server.hang(), server.hang());
        long start = System.nanoTime();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.complete(QUESTION));

        assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void malformedAnswerIsABadResponse() {
        server.then(FakeOpenAiServer.raw("{\"choices\": [ {\"message\": "));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.complete(QUESTION));

        assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_BAD_RESPONSE);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void unreachableServerIsReportedAfterRetries() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        try (var offline = new OpenAiCompatibleProvider(OpenAiCompatibleSettings.of(
                URI.create("http://127.0.0.1:" + freePort + "/v1"), "m", KEY)
                .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(50)))) {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> offline.complete(QUESTION));

            assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_UNREACHABLE);
            assertThat(e.getMessage()).doesNotContain(KEY);
        }
    }

    @Test
    void connectionCutMidStreamFailsAfterTheDeliveredTokensWithoutRetry() {
        server.then(FakeOpenAiServer.streamThenDrop(List.of("Once", " upon")), FakeOpenAiServer.stream(List.of("x"), 1, 1));
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatStream stream = provider.stream(QUESTION, deltas::add);

        assertThatThrownBy(() -> stream.result().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_ERROR));
        assertThat(deltas).containsExactly("Once", " upon");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void cancellingAStreamClosesTheConnectionAndEndsItsThread() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        CountDownLatch firstDelta = new CountDownLatch(1);
        server.then(FakeOpenAiServer.endlessStream(clientGone));
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatStream stream = provider.stream(QUESTION, delta -> {
            deltas.add(delta);
            firstDelta.countDown();
        });
        assertThat(firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        stream.cancel();

        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
        Await.until("stream threads to end", Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(OpenAiStream.THREAD_PREFIX) && t.isAlive()));
        assertThatThrownBy(() -> stream.result().join()).isInstanceOf(CancellationException.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void cancellingAStreamWaitingToRetryEndsItsThreadAtOnce() {
        server.then(status(429, Map.of("Retry-After", "2"), "{}"), FakeOpenAiServer.stream(List.of("late"), 1, 1));
        List<String> deltas = new CopyOnWriteArrayList<>();
        ChatStream stream = provider.stream(QUESTION, deltas::add);
        Await.until("the first attempt", Duration.ofSeconds(5), () -> server.received().size() == 1);
        long start = System.nanoTime();

        stream.cancel();

        Await.until("stream threads to end", Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(OpenAiStream.THREAD_PREFIX) && t.isAlive()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(stream.result()).isCancelled();
        assertThat(deltas).isEmpty();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aListenerThatFailsStopsTheStream() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        server.then(FakeOpenAiServer.endlessStream(clientGone));
        IllegalStateException gone = new IllegalStateException("browser went away");

        ChatStream stream = provider.stream(QUESTION, delta -> {
            throw gone;
        });

        assertThatThrownBy(() -> stream.result().get(5, TimeUnit.SECONDS)).cause().isSameAs(gone);
        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
        Await.until("stream threads to end", Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(OpenAiStream.THREAD_PREFIX) && t.isAlive()));
    }

    @Test
    void streamThatNeverStartsTimesOut() {
        provider.close();
        provider = provider(Duration.ofMillis(300));
        server.then(server.hang());

        assertThatThrownBy(() -> provider.stream(QUESTION, d -> { }).result().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.code()).isEqualTo(ProviderException.Code.PROVIDER_TIMEOUT));
        assertThat(server.received()).hasSize(1);
    }
}
