package io.parley.server.inference;

/** Receives the pieces of a streamed answer, in order, as the model produces them. */
@FunctionalInterface
public interface TokenListener {
    void onDelta(String delta);
}
