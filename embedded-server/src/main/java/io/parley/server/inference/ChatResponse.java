package io.parley.server.inference;

import java.time.Duration;
import java.util.Optional;

/**
 * The model's answer. {@code finishReason} is the provider's word ({@code "stop"}, {@code "length"},
 * ...) or null; {@code model} is the model that answered as the provider names it; {@code latency}
 * runs from sending the request (first attempt) to the last byte of the answer.
 */
public record ChatResponse(String content, String finishReason, TokenUsage usage, String model, Duration latency) {

    public Optional<TokenUsage> tokenUsage() {
        return Optional.ofNullable(usage);
    }
}
