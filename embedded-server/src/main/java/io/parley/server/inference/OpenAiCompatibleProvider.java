package io.parley.server.inference;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.parley.server.inference.ProviderException.Code;

/**
 * Any server speaking OpenAI's {@code POST /chat/completions}: Ollama, llama.cpp server, vLLM,
 * OpenAI, Secret AI. Failed attempts are retried by a Failsafe policy (429, 5xx, connection
 * failures; exponential backoff with jitter; Retry-After honoured up to
 * {@link OpenAiCompatibleSettings#maxBackoff()}). A stream is retried only until its answer starts:
 * once the server has said 200, a failure is reported, never retried, so no delta is sent twice.
 */
public final class OpenAiCompatibleProvider implements ChatModel {

    private static final Logger LOG = Logger.getLogger(OpenAiCompatibleProvider.class.getName());
    /** Jitter of ±20 % on every wait, so that clients rate-limited together do not retry together. */
    private static final double JITTER = 0.2;

    private final OpenAiCompatibleSettings settings;
    private final HttpClient http;
    private final RetryPolicy<HttpResponse<?>> retryPolicy;
    private final Set<OpenAiStream> openStreams = ConcurrentHashMap.newKeySet();

    public OpenAiCompatibleProvider(OpenAiCompatibleSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: some local model servers mishandle it
                .connectTimeout(settings.timeout())
                .build();
        this.retryPolicy = retryPolicy(settings);
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        long start = System.nanoTime();
        HttpResponse<?> response = withRetries(() -> sendForAnswer(request));
        return OpenAiWire.parseAnswer((String) response.body(), Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public ChatStream stream(ChatRequest request, TokenListener listener) {
        Objects.requireNonNull(listener);
        OpenAiStream[] holder = new OpenAiStream[1];
        OpenAiStream stream = new OpenAiStream(() -> openStream(request), listener, settings.apiKey(),
                () -> openStreams.remove(holder[0]));
        holder[0] = stream;
        openStreams.add(stream);
        stream.start();
        return stream;
    }

    /** Cancels open streams and aborts the client's connections. */
    @Override
    public void close() {
        openStreams.forEach(OpenAiStream::cancel);
        http.shutdownNow();
    }

    /** The stream's body once the server has accepted the request (status 200), retried until then. */
    @SuppressWarnings("unchecked")
    private HttpResponse<InputStream> openStream(ChatRequest request) {
        return (HttpResponse<InputStream>) withRetries(() -> {
            HttpResponse<InputStream> response;
            try {
                response = http.send(httpRequest(request, true), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw transportFailure(e);
            }
            if (response.statusCode() / 100 != 2) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
                }
                throw OpenAiWire.forStatus(response.statusCode(), response.headers(), body, settings.apiKey());
            }
            return response;
        });
    }

    /** One attempt at a whole answer; {@code timeout} bounds the attempt from sending to the last byte. */
    private HttpResponse<String> sendForAnswer(ChatRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(httpRequest(request, false), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? transportFailure(io)
                    : ProviderException.of(Code.PROVIDER_ERROR, "The request to the model server failed");
        }
        if (response.statusCode() / 100 != 2) {
            throw OpenAiWire.forStatus(response.statusCode(), response.headers(), response.body(), settings.apiKey());
        }
        return response;
    }

    private HttpRequest httpRequest(ChatRequest request, boolean stream) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.chatCompletionsUri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenAiWire.requestBody(request, settings.model(), stream)));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }

    private HttpResponse<?> withRetries(CheckedSupplier<HttpResponse<?>> attempt) {
        try {
            return Failsafe.with(retryPolicy).get(attempt);
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("The request to the model server was cancelled");
            }
            throw e.getCause() instanceof IOException io ? transportFailure(io)
                    : ProviderException.of(Code.PROVIDER_ERROR, "The request to the model server failed");
        }
    }

    private ProviderException transportFailure(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return ProviderException.retryable(Code.PROVIDER_UNREACHABLE, unreachableMessage(), null);
        }
        if (e instanceof HttpTimeoutException) {
            return timeout();
        }
        // The exception's own text may name the host; the key is never in it, but keep the log terse.
        LOG.log(Level.FINE, "Model server request failed: {0}", e.getClass().getSimpleName());
        return ProviderException.retryable(Code.PROVIDER_UNREACHABLE, unreachableMessage(), null);
    }

    private String unreachableMessage() {
        return "Parley could not reach the model server at " + settings.baseUrl() + "; check that it is running";
    }

    private ProviderException timeout() {
        // Not retried: a slow model is usually slow again, and a retry would double the user's wait.
        return ProviderException.of(Code.PROVIDER_TIMEOUT,
                "The model server did not answer within " + settings.timeout().toSeconds() + " s");
    }

    private static RetryPolicy<HttpResponse<?>> retryPolicy(OpenAiCompatibleSettings settings) {
        return RetryPolicy.<HttpResponse<?>>builder()
                .handleIf(e -> e instanceof ProviderException p && p.retryable())
                // A Retry-After beyond our longest wait is reported rather than waited for.
                .abortIf((r, e) -> e instanceof ProviderException p && p.retryAfter() != null
                        && p.retryAfter().compareTo(settings.maxBackoff()) > 0)
                .withMaxRetries(settings.maxRetries())
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(JITTER)
                // Failsafe applies the jitter to this delay too: stretch it so the wait never falls short.
                // A negative delay tells Failsafe to use the backoff instead.
                .withDelayFn(ctx -> ctx.getLastException() instanceof ProviderException p && p.retryAfter() != null
                        ? Duration.ofNanos((long) (p.retryAfter().toNanos() / (1 - JITTER))) : Duration.ofNanos(-1))
                .onRetry(event -> LOG.log(Level.FINE, "Retrying the model server request (attempt {0}): {1}",
                        new Object[] {event.getAttemptCount() + 1, event.getLastException() instanceof ProviderException p
                                ? p.code().wireName() : "failure"}))
                .build();
    }
}
