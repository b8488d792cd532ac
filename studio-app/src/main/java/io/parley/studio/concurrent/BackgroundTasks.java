package io.parley.studio.concurrent;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the studio runs slow work (starting the server, HTTP calls). The work runs off the
 * UI thread; exactly one callback then runs on the UI thread, so callbacks may touch properties
 * that views are bound to. Tests replace it with an implementation that runs everything inline.
 */
public interface BackgroundTasks {

    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code update} on the UI thread: progress that work reports while it runs. */
    default void report(Runnable update) {
        update.run();
    }
}
