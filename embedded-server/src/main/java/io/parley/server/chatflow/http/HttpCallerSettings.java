package io.parley.server.chatflow.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpCaller} behaves across calls.
 *
 * @param connectTimeout      for opening a connection
 * @param maxBodyBytes        largest answer read; more is a {@link HttpFailure#TOO_LARGE} failure
 * @param maxRetryDelay       longest wait between attempts; a Retry-After beyond it is not waited for
 * @param breakerFailures     failed calls, among the last {@code breakerWindow}, that open a circuit
 * @param breakerWindow       calls the breaker looks at
 * @param breakerDelay        how long an open circuit fails fast before it lets a trial call through
 * @param maxBreakers         circuit breakers kept (least recently used dropped first)
 */
public record HttpCallerSettings(Duration connectTimeout, int maxBodyBytes, Duration maxRetryDelay,
                                 int breakerFailures, int breakerWindow, Duration breakerDelay, int maxBreakers) {

    public static final HttpCallerSettings DEFAULTS = new HttpCallerSettings(Duration.ofSeconds(5), 1024 * 1024,
            Duration.ofSeconds(30), 3, 5, Duration.ofSeconds(30), 1_000);

    public HttpCallerSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(breakerDelay, "breakerDelay");
        if (maxBodyBytes <= 0 || maxBreakers <= 0 || breakerFailures <= 0 || breakerWindow < breakerFailures) {
            throw new IllegalArgumentException("invalid http caller settings");
        }
    }

    public HttpCallerSettings withBreakerDelay(Duration delay) {
        return new HttpCallerSettings(connectTimeout, maxBodyBytes, maxRetryDelay, breakerFailures, breakerWindow,
                delay, maxBreakers);
    }

    public HttpCallerSettings withMaxBodyBytes(int bytes) {
        return new HttpCallerSettings(connectTimeout, bytes, maxRetryDelay, breakerFailures, breakerWindow,
                breakerDelay, maxBreakers);
    }

    public HttpCallerSettings withMaxRetryDelay(Duration delay) {
        return new HttpCallerSettings(connectTimeout, maxBodyBytes, delay, breakerFailures, breakerWindow,
                breakerDelay, maxBreakers);
    }
}
