package io.parley.server.inference;

/**
 * A generation provider: turns a conversation into the model's next assistant message. The
 * OpenAI-compatible provider is the first; the offline extractive answerer will be another.
 *
 * <pre>{@code
 * ChatResponse answer = model.complete(ChatRequest.of(ChatMessage.user("Hello")));
 * ChatStream stream = model.stream(request, delta -> sse.send(delta));
 * ChatResponse done = stream.result().join();   // or stream.cancel() when the client leaves
 * }</pre>
 *
 * Failures are {@link ProviderException}s with a stable {@link ProviderException.Code}.
 */
public interface ChatModel extends AutoCloseable {

    /** The whole answer at once; blocks the calling thread. */
    ChatResponse complete(ChatRequest request);

    /**
     * Starts a streamed answer: {@code listener} receives the token deltas in order on a background
     * thread, then {@link ChatStream#result()} completes with the whole answer (or a
     * {@link ProviderException}). Returns at once.
     */
    ChatStream stream(ChatRequest request, TokenListener listener);

    /** Ends open streams and releases connections and threads. */
    @Override
    void close();
}
