package io.parley.server.inference;

import io.parley.server.common.ParleyException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A model provider failed. The {@link Code} is stable (saved with the message, shown to clients);
 * the message is friendly and never carries the API key.
 */
public final class ProviderException extends RuntimeException {

    public enum Code {
        PROVIDER_UNREACHABLE, PROVIDER_TIMEOUT, PROVIDER_RATE_LIMITED, PROVIDER_ERROR, PROVIDER_AUTH_FAILED,
        PROVIDER_BAD_RESPONSE;

        /** {@code "provider_timeout"} and so on. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;
    private final boolean retryable;
    private final Duration retryAfter;

    ProviderException(Code code, String message, boolean retryable, Duration retryAfter) {
        super(message, null, false, false); // expected outcomes: no stack trace, and no cause that might hold a URL or header
        this.code = Objects.requireNonNull(code);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    static ProviderException of(Code code, String message) {
        return new ProviderException(code, message, false, null);
    }

    static ProviderException retryable(Code code, String message, Duration retryAfter) {
        return new ProviderException(code, message, true, retryAfter);
    }

    public Code code() {
        return code;
    }

    /** True when trying again later may succeed (rate limit, server error, connection failure). */
    public boolean retryable() {
        return retryable;
    }

    /** How long the provider asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The same failure for the HTTP error envelope: 503 with this code. */
    public ParleyException toParleyException() {
        return new ParleyException(ParleyException.Kind.UNAVAILABLE, code.wireName(), getMessage(),
                retryAfter == null ? Map.of() : Map.of("retry_after_seconds", Math.max(1, retryAfter.toSeconds())));
    }
}
