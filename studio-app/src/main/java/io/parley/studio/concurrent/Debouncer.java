package io.parley.studio.concurrent;

import java.time.Duration;
import java.util.Objects;

/** Runs an action once things have been quiet for a while: each {@link #poke()} restarts the wait. */
public final class Debouncer {

    private final Scheduler scheduler;
    private final Duration quiet;
    private final Runnable action;
    private Scheduler.Cancellable pending;

    public Debouncer(Scheduler scheduler, Duration quiet, Runnable action) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        this.action = Objects.requireNonNull(action, "action");
    }

    public void poke() {
        cancel();
        pending = scheduler.after(quiet, () -> {
            pending = null;
            action.run();
        });
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
