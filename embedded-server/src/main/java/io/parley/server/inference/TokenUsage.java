package io.parley.server.inference;

/** Tokens the provider says it used; absent from a response when the provider does not report them. */
public record TokenUsage(int promptTokens, int completionTokens) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
