package io.parley.server.inference;

/**
 * The answer of models/test: whether a tiny chat completion worked, how long it took, the model
 * that answered, a message for people, and the provider's error code when it failed.
 */
public record ConnectionTestResult(boolean ok, long latencyMs, String model, String message, String code) {
}
