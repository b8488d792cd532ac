package io.parley.studio.concurrent;

import java.time.Duration;

/**
 * Timed work on the UI thread: a delay that restarts (to wait until the builder stops typing)
 * and a repeating tick (to follow background progress). Tests replace it with a manual clock.
 */
public interface Scheduler {

    /** Something scheduled; cancelling twice is harmless. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code action} once, after {@code delay}, on the UI thread. */
    Cancellable after(Duration delay, Runnable action);

    /** Runs {@code action} every {@code period} on the UI thread until cancelled. */
    Cancellable every(Duration period, Runnable action);
}
