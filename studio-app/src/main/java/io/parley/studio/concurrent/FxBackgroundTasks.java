package io.parley.studio.concurrent;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs work on a small pool of daemon threads and hands results to the JavaFX thread. */
public final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {

    private final ExecutorService executor;

    public FxBackgroundTasks() {
        this.executor = Executors.newCachedThreadPool(daemonThreads());
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        executor.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable failure) { // also errors such as a missing class: the UI must hear of them
                Platform.runLater(() -> onFailure.accept(failure));
                return;
            }
            Platform.runLater(() -> onSuccess.accept(result));
        });
    }

    /** Interrupts work still running; the studio calls it once the window has closed. */
    @Override
    public void report(Runnable update) {
        Platform.runLater(update);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    // Daemon threads, so a task stuck in I/O can never keep the JVM alive after the window closes.
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "parley-background-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
