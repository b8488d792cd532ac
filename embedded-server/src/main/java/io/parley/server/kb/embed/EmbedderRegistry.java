package io.parley.server.kb.embed;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One embedder per model, loaded in the background the first time it is asked for: the server
 * starts without loading any model, and a search can say "model loading" instead of blocking.
 * A failed load is reported to its callers and retried on the next {@link #get}.
 *
 * <pre>{@code
 * EmbedderRegistry embedders = EmbedderRegistry.create();     // loads nothing
 * embedders.get(EmbeddingModel.DEFAULT);                       // starts loading, returns at once
 * embedders.ifReady(EmbeddingModel.DEFAULT).ifPresent(e -> e.embedQuery("lift"));
 * }</pre>
 */
public final class EmbedderRegistry implements AutoCloseable {

    public enum State { NOT_LOADED, LOADING, READY, FAILED }

    private final Function<EmbeddingModel, ? extends Embedder> loader;
    private final Executor executor;
    private final Map<EmbeddingModel, CompletableFuture<Embedder>> loads = new ConcurrentHashMap<>();
    private final Map<EmbeddingModel, RuntimeException> failures = new ConcurrentHashMap<>();
    private boolean closed; // guarded by this

    /**
     * @param loader   builds an embedder, throwing on failure (called on the executor)
     * @param executor runs loads; a same-thread executor makes {@link #get} synchronous in tests
     */
    public EmbedderRegistry(Function<EmbeddingModel, ? extends Embedder> loader, Executor executor) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The ONNX models, each loaded on a daemon thread of its own (a load is a one-off, seconds long). */
    public static EmbedderRegistry create() {
        return new EmbedderRegistry(OnnxEmbedder::load,
                task -> Thread.ofPlatform().daemon().name("parley-embedder-load").start(task));
    }

    /** The model's embedder, loading it if needed; fails with {@link EmbedderLoadException}. */
    public CompletableFuture<Embedder> get(EmbeddingModel model) {
        Objects.requireNonNull(model, "model");
        CompletableFuture<Embedder> fresh = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the embedder registry is closed"));
            }
            CompletableFuture<Embedder> existing = loads.putIfAbsent(model, fresh);
            if (existing != null) {
                return existing.copy();
            }
            failures.remove(model);
        }
        try {
            executor.execute(() -> load(model, fresh));
        } catch (RuntimeException rejected) {
            fail(model, fresh, rejected);
        }
        return fresh.copy(); // callers cannot complete or cancel the shared load
    }

    /** The embedder if it has finished loading; never starts a load. */
    public Optional<Embedder> ifReady(EmbeddingModel model) {
        CompletableFuture<Embedder> load = loads.get(model);
        return load != null && load.isDone() && !load.isCompletedExceptionally()
                ? Optional.of(load.join()) : Optional.empty();
    }

    public boolean isLoaded(EmbeddingModel model) {
        return ifReady(model).isPresent();
    }

    public State state(EmbeddingModel model) {
        CompletableFuture<Embedder> load = loads.get(model);
        if (load != null) {
            return !load.isDone() ? State.LOADING : load.isCompletedExceptionally() ? State.FAILED : State.READY;
        }
        return failures.containsKey(model) ? State.FAILED : State.NOT_LOADED;
    }

    /** Why the last load of the model failed, until it is asked for again. */
    public Optional<RuntimeException> failure(EmbeddingModel model) {
        return Optional.ofNullable(failures.get(model));
    }

    /** Closes every loaded embedder; loads still running close theirs when they finish. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        RuntimeException first = null;
        for (CompletableFuture<Embedder> load : loads.values()) {
            if (load.isDone() && !load.isCompletedExceptionally()) {
                try {
                    load.join().close();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        loads.clear();
        if (first != null) {
            throw first;
        }
    }

    private void load(EmbeddingModel model, CompletableFuture<Embedder> future) {
        Embedder embedder;
        try {
            embedder = loader.apply(model);
        } catch (RuntimeException | Error e) {
            fail(model, future, e);
            return;
        }
        synchronized (this) {
            if (!closed) {
                future.complete(embedder); // inside the lock, so close() either sees it or we see closed
                return;
            }
        }
        embedder.close();
        future.completeExceptionally(new IllegalStateException("the embedder registry was closed while "
                + model.id() + " was loading"));
    }

    private void fail(EmbeddingModel model, CompletableFuture<Embedder> future, Throwable cause) {
        RuntimeException failure = cause instanceof EmbedderLoadException e ? e
                : new EmbedderLoadException(model, String.valueOf(cause.getMessage()), cause);
        synchronized (this) {
            failures.put(model, failure);
            loads.remove(model, future); // so the next get() tries again
        }
        future.completeExceptionally(failure);
    }
}
