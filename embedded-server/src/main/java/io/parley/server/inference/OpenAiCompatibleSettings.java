package io.parley.server.inference;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one OpenAI-compatible server: {@code baseUrl} is what precedes
 * {@code /chat/completions} (for example {@code http://localhost:11434/v1} for Ollama).
 * {@code apiKey} may be null (local servers); it is a plain string until the encrypted credential
 * store exists, and {@link #toString()} never shows it. {@code timeout} bounds connecting and
 * waiting for the answer to start; {@code maxRetries} counts retries after the first attempt, spaced
 * by exponential backoff from {@code initialBackoff} up to {@code maxBackoff} (also the longest
 * Retry-After we honour: a longer one is reported instead of waited for).
 */
public record OpenAiCompatibleSettings(URI baseUrl, String model, String apiKey, Duration timeout, int maxRetries,
                                       Duration initialBackoff, Duration maxBackoff) {

    public OpenAiCompatibleSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("The base URL must start with http:// or https://");
        }
        if (maxRetries < 0 || timeout.isNegative() || timeout.isZero() || initialBackoff.isNegative()
                || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) <= 0) {
            throw new IllegalArgumentException("Retries, timeout and backoff must be positive, max > initial");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** Sensible defaults: 60 s timeout, 3 retries, backoff 0.5 s doubling up to 20 s. */
    public static OpenAiCompatibleSettings of(URI baseUrl, String model, String apiKey) {
        return new OpenAiCompatibleSettings(baseUrl, model, apiKey, Duration.ofSeconds(60), 3,
                Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    public OpenAiCompatibleSettings withTimeout(Duration value) {
        return new OpenAiCompatibleSettings(baseUrl, model, apiKey, value, maxRetries, initialBackoff, maxBackoff);
    }

    public OpenAiCompatibleSettings withRetries(int retries, Duration initial, Duration max) {
        return new OpenAiCompatibleSettings(baseUrl, model, apiKey, timeout, retries, initial, max);
    }

    URI chatCompletionsUri() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }
}
