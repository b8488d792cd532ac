package io.parley.server.chatflow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import io.parley.server.common.CappedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the HTTP requests of chatflow http nodes: one shared {@link HttpClient} (HTTP/2 where the
 * server offers it over TLS, HTTP/1.1 otherwise), retries with exponential backoff on connection
 * errors, timeouts, 429 and 5xx ({@code Retry-After} honoured up to
 * {@link HttpCallerSettings#maxRetryDelay()}), and one circuit breaker per breaker key that opens
 * after repeated failed calls and then fails fast with {@link HttpFailure#CIRCUIT_OPEN}.
 *
 * <pre>{@code
 * HttpOutcome outcome = caller.call(HttpCall.get(URI.create("https://api.example.com/books")));
 * if (outcome.success()) { ResponseMapping.of(Map.of("books", "$.data.books")).apply(outcome.json()); }
 * }</pre>
 *
 * Never throws for what the service does: every failure is an {@link HttpOutcome}.
 */
public final class HttpCaller implements AutoCloseable {

    /** Response headers copied into the outcome. */
    public static final List<String> KEPT_HEADERS = List.of("content-type", "content-length", "location", "etag",
            "last-modified", "cache-control", "retry-after", "x-request-id");

    private static final Logger LOG = Logger.getLogger(HttpCaller.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double JITTER = 0.2;

    private final HttpCallerSettings settings;
    private final HttpClient http;
    private final Breakers breakers;

    public HttpCaller() {
        this(HttpCallerSettings.DEFAULTS);
    }

    public HttpCaller(HttpCallerSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL) // never from https to http
                .build();
        this.breakers = new Breakers(settings);
    }

    /**
     * Sends the call, retrying and counting it towards its circuit breaker.
     *
     * @throws CancellationException when the calling thread is interrupted
     */
    public HttpOutcome call(HttpCall call) {
        long start = System.nanoTime();
        String urlProblem = urlProblem(call.url());
        if (urlProblem != null) {
            return HttpOutcome.failed(HttpFailure.INVALID_URL, urlProblem, 0, 0);
        }
        CircuitBreaker<Answer> breaker = breakers.forKey(call.breakerKey());
        AtomicInteger attempts = new AtomicInteger();
        try {
            Answer answer = Failsafe.with(breaker, retryPolicy(call)).get(() -> {
                attempts.incrementAndGet();
                return attempt(call);
            });
            return answered(answer, attempts.get(), millisSince(start));
        } catch (AttemptFailure f) {
            return failedAttempt(call, f, attempts.get(), millisSince(start));
        } catch (CircuitBreakerOpenException e) {
            long waitS = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(breaker.getRemainingDelay().toNanos()));
            return HttpOutcome.failed(HttpFailure.CIRCUIT_OPEN, "Calls to " + call.breakerKey()
                    + " are paused after repeated failures; the next try is in about " + waitS + " s.",
                    attempts.get(), millisSince(start));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new CancellationException("The HTTP call was cancelled");
            }
            LOG.log(Level.WARNING, "Unexpected failure of an http node call to " + HttpOutcome.safeUrl(call.url()), e);
            return HttpOutcome.failed(HttpFailure.CONNECTION, "The request to " + host(call.url()) + " failed.",
                    attempts.get(), millisSince(start));
        }
    }

    /** Forgets open circuits, for tests and for a builder who fixed the service. */
    public void resetBreakers() {
        breakers.clear();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    /** One request; throws {@link AttemptFailure} for what should be retried or reported. */
    private Answer attempt(HttpCall call) throws InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request(call), CappedBody.handler(settings.maxBodyBytes()));
        HttpResponse<byte[]> response;
        try {
            response = future.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(call);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw transportFailure(call, e.getCause());
        }
        Map<String, String> headers = keptHeaders(response);
        int status = response.statusCode();
        if (response.body() == null) {
            throw new AttemptFailure(HttpFailure.TOO_LARGE, false, null, new Answer(status, headers, null),
                    "The answer from " + host(call.url()) + " is larger than "
                            + settings.maxBodyBytes() / 1024 + " KB, more than Parley reads.");
        }
        Answer answer = new Answer(status, headers, new String(response.body(), charset(headers)));
        if (status == 429 || status >= 500) {
            throw new AttemptFailure(HttpFailure.HTTP_STATUS, true, RetryAfter.parse(headers.get("retry-after")),
                    answer, statusMessage(call, status));
        }
        return answer;
    }

    private HttpRequest request(HttpCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.url())
                .timeout(call.timeout())
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if ("http".equalsIgnoreCase(call.url().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade: many plain-HTTP servers mishandle it
        }
        call.headers().forEach(builder::header);
        if (!hasHeader(call, "accept")) {
            builder.header("Accept", "application/json, */*;q=0.5");
        }
        if (call.body() != null && !hasHeader(call, "content-type")) {
            String trimmed = call.body().strip();
            builder.header("Content-Type", trimmed.startsWith("{") || trimmed.startsWith("[")
                    ? "application/json" : "text/plain; charset=utf-8");
        }
        return builder.build();
    }

    private RetryPolicy<Answer> retryPolicy(HttpCall call) {
        Duration delay = call.retryDelay();
        Duration maxDelay = settings.maxRetryDelay();
        var builder = RetryPolicy.<Answer>builder()
                .handleIf(e -> e instanceof AttemptFailure f && f.retryable)
                // A Retry-After beyond our longest wait is reported rather than waited for.
                .abortIf((r, e) -> e instanceof AttemptFailure f && f.retryAfter != null
                        && f.retryAfter.compareTo(maxDelay) > 0)
                .withMaxRetries(call.retries())
                // Failsafe applies the jitter to this delay too: stretch it so the wait never falls short.
                .withDelayFn(ctx -> ctx.getLastException() instanceof AttemptFailure f && f.retryAfter != null
                        ? Duration.ofNanos((long) (f.retryAfter.toNanos() / (1 - JITTER))) : Duration.ofNanos(-1));
        if (delay.isZero()) {
            builder.withDelay(Duration.ZERO);
        } else {
            Duration max = delay.multipliedBy(8).compareTo(maxDelay) < 0 ? delay.multipliedBy(8) : maxDelay;
            if (max.compareTo(delay) > 0) {
                builder.withBackoff(delay, max).withJitter(JITTER);
            } else {
                builder.withDelay(delay).withJitter(JITTER);
            }
        }
        return builder.build();
    }

    private HttpOutcome answered(Answer answer, int attempts, long durationMs) {
        boolean ok = answer.status() / 100 == 2;
        JsonNode json = isJson(answer) ? parse(answer.body()) : null;
        return new HttpOutcome(ok, answer.status(), answer.headers(), answer.body(), json, attempts, durationMs,
                ok ? null : HttpFailure.HTTP_STATUS, ok ? null : "The service answered " + StatusText.describe(answer.status()) + ".");
    }

    private HttpOutcome failedAttempt(HttpCall call, AttemptFailure f, int attempts, long durationMs) {
        String message = f.getMessage();
        if (f.retryAfter != null && f.retryAfter.compareTo(settings.maxRetryDelay()) > 0) {
            message += " It asked to wait " + f.retryAfter.toSeconds() + " s, longer than Parley waits.";
        } else if (attempts > 1) {
            message += " (" + attempts + " attempts)";
        }
        Answer a = f.answer;
        if (a == null) {
            return HttpOutcome.failed(f.kind, message, attempts, durationMs);
        }
        return new HttpOutcome(false, a.status(), a.headers(), a.body(),
                a.body() != null && isJson(a) ? parse(a.body()) : null, attempts, durationMs, f.kind, message);
    }

    private AttemptFailure transportFailure(HttpCall call, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new AttemptFailure(HttpFailure.CONNECTION, true, null, null,
                    "Could not connect to " + host(call.url()) + " in time.");
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(call);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            LOG.log(Level.FINE, "http node call failed: {0}", cause.getClass().getSimpleName());
            return new AttemptFailure(HttpFailure.CONNECTION, true, null, null, "Could not reach " + host(call.url())
                    + (cause instanceof ConnectException ? "; nothing answers there." : "; the connection failed."));
        }
        LOG.log(Level.WARNING, "http node call failed unexpectedly", cause);
        return new AttemptFailure(HttpFailure.CONNECTION, true, null, null, "The request to " + host(call.url()) + " failed.");
    }

    private static AttemptFailure timeout(HttpCall call) {
        long ms = call.timeout().toMillis();
        return new AttemptFailure(HttpFailure.TIMEOUT, true, null, null, host(call.url()) + " did not answer within "
                + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms") + ".");
    }

    private static String statusMessage(HttpCall call, int status) {
        return host(call.url()) + " answered " + StatusText.describe(status) + ".";
    }

    static String urlProblem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "The URL must start with https:// or http://" + (scheme.isEmpty() ? "." : ", not " + scheme + ":.");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return "The URL has no host name; write it as https://host/path.";
        }
        return null;
    }

    private static boolean hasHeader(HttpCall call, String name) {
        return call.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
    }

    private static Map<String, String> keptHeaders(HttpResponse<?> response) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> kept.put(name, value));
        }
        return kept;
    }

    private static boolean isJson(Answer answer) {
        String type = answer.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return true;
        }
        String body = answer.body() == null ? "" : answer.body().strip();
        return type.isEmpty() && (body.startsWith("{") || body.startsWith("["));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null; // said to be JSON but is not: the text is still in the outcome
        }
    }

    private static Charset charset(Map<String, String> headers) {
        String type = headers.getOrDefault("content-type", "");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            try {
                return Charset.forName(type.substring(at + 8).replace("\"", "").split(";")[0].strip());
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String host(URI url) {
        return url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
