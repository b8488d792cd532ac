package io.parley.server.chatflow.http;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request of a chatflow http node, with its resilience settings.
 *
 * <pre>{@code
 * new HttpCall("POST", URI.create("https://api.example.com/books"), Map.of("Authorization", "Bearer …"),
 *         "{\"age\":9}", Duration.ofSeconds(5), 3, Duration.ofSeconds(1), "api.example.com")
 * }</pre>
 *
 * @param headers    request headers; they often carry secrets, so {@link #toString()} shows only their count
 * @param body       request body, or {@code null} for none
 * @param timeout    per attempt, from sending to the last byte of the answer
 * @param retries    attempts after the first, on connection errors, timeouts, 429 and 5xx
 * @param retryDelay first wait between attempts (doubling after that)
 * @param breakerKey which circuit breaker the call counts towards; {@code null} means the URL's host and port
 */
public record HttpCall(String method, URI url, Map<String, String> headers, String body, Duration timeout,
                       int retries, Duration retryDelay, String breakerKey) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    public static final int MAX_RETRIES = 5;

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Set by the HTTP client itself; java.net.http refuses them. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    public HttpCall {
        Objects.requireNonNull(url, "url");
        method = method == null ? "GET" : method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Unsupported HTTP method \"" + method + "\"; use one of " + METHODS);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || name.isBlank() || RESTRICTED_HEADERS.contains(name.strip().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("The header \"" + name + "\" cannot be set; Parley sets it itself");
                }
                copy.put(name.strip(), value == null ? "" : value);
            });
        }
        headers = Collections.unmodifiableMap(copy);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be between 0 and " + MAX_RETRIES);
        }
        retryDelay = retryDelay == null ? DEFAULT_RETRY_DELAY : retryDelay;
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay must not be negative");
        }
        if (breakerKey == null || breakerKey.isBlank()) {
            breakerKey = url.getHost() == null ? String.valueOf(url.getScheme())
                    : url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        }
    }

    /** A GET with the defaults: 10 s timeout, no retries. */
    public static HttpCall get(URI url) {
        return new HttpCall("GET", url, Map.of(), null, DEFAULT_TIMEOUT, 0, DEFAULT_RETRY_DELAY, null);
    }

    public HttpCall withHeaders(Map<String, String> newHeaders) {
        return new HttpCall(method, url, newHeaders, body, timeout, retries, retryDelay, breakerKey);
    }

    public HttpCall withRetries(int newRetries, Duration newDelay) {
        return new HttpCall(method, url, headers, body, timeout, newRetries, newDelay, breakerKey);
    }

    public HttpCall withTimeout(Duration newTimeout) {
        return new HttpCall(method, url, headers, body, newTimeout, retries, retryDelay, breakerKey);
    }

    public HttpCall withBreakerKey(String key) {
        return new HttpCall(method, url, headers, body, timeout, retries, retryDelay, key);
    }

    /** Never the headers' values nor the body: both may hold secrets. Nor the URL's query or user info. */
    @Override
    public String toString() {
        return "HttpCall[" + method + " " + HttpOutcome.safeUrl(url) + ", " + headers.size() + " header(s), body "
                + (body == null ? "none" : body.length() + " chars") + ", timeout " + timeout + ", retries " + retries
                + ", breaker " + breakerKey + "]";
    }
}
