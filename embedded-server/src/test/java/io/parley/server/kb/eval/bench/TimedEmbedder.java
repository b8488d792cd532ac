package io.parley.server.kb.eval.bench;

import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.List;

/**
 * An embedder that adds up the wall time of its {@code embedPassages} calls, so an ingestion
 * pass can tell the time spent embedding from the time spent around it. Not thread-safe: the
 * ingestion job embeds from one thread.
 */
final class TimedEmbedder implements Embedder {

    private final Embedder delegate;
    private long nanos;

    TimedEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    /** Wall nanoseconds spent in {@code embedPassages} since the last call of this method. */
    long takeNanos() {
        long taken = nanos;
        nanos = 0;
        return taken;
    }

    @Override
    public EmbeddingModel model() {
        return delegate.model();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        long started = System.nanoTime();
        try {
            return delegate.embedPassages(texts);
        } finally {
            nanos += System.nanoTime() - started;
        }
    }

    @Override
    public float[] embedQuery(String query) {
        return delegate.embedQuery(query);
    }

    @Override
    public int count(String text) {
        return delegate.count(text);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
