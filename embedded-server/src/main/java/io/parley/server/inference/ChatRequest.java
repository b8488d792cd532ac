package io.parley.server.inference;

import java.util.List;
import java.util.Objects;

/**
 * What to ask the model. {@code model} null means the provider's configured model; null
 * {@code temperature} or {@code maxTokens} leave the provider's defaults; {@code stop} may be empty.
 */
public record ChatRequest(List<ChatMessage> messages, String model, Double temperature, Integer maxTokens,
                          List<String> stop) {

    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A chat request needs at least one message");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static ChatRequest of(ChatMessage... messages) {
        return new ChatRequest(List.of(messages), null, null, null, List.of());
    }

    public ChatRequest withTemperature(double value) {
        return new ChatRequest(messages, model, value, maxTokens, stop);
    }

    public ChatRequest withMaxTokens(int value) {
        return new ChatRequest(messages, model, temperature, value, stop);
    }

    public ChatRequest withStop(List<String> value) {
        return new ChatRequest(messages, model, temperature, maxTokens, value);
    }
}
