package io.parley.server.inference;

import java.util.concurrent.CompletableFuture;

/** A streamed answer under way. */
public interface ChatStream {

    /**
     * Completes with the whole answer once the model has finished, or exceptionally with a
     * {@link ProviderException}; cancelled when {@link #cancel()} is called first.
     */
    CompletableFuture<ChatResponse> result();

    /**
     * Stops the stream (the client went away): the connection to the provider is closed, no more
     * deltas are delivered and the background thread ends. Safe to call more than once.
     */
    void cancel();
}
