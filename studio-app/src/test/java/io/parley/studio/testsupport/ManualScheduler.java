package io.parley.studio.testsupport;

import io.parley.studio.concurrent.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} whose time moves only when a test says so. */
public final class ManualScheduler implements Scheduler {

    private final List<Timer> timers = new ArrayList<>();
    private long now;

    private final class Timer implements Cancellable {
        final Runnable action;
        final long period;
        long due;
        boolean cancelled;

        Timer(Runnable action, long delay, long period) {
            this.action = action;
            this.due = now + delay;
            this.period = period;
        }

        @Override
        public void cancel() {
            cancelled = true;
            timers.remove(this);
        }
    }

    @Override
    public Cancellable after(Duration delay, Runnable action) {
        Timer timer = new Timer(action, delay.toMillis(), 0);
        timers.add(timer);
        return timer;
    }

    @Override
    public Cancellable every(Duration period, Runnable action) {
        Timer timer = new Timer(action, period.toMillis(), period.toMillis());
        timers.add(timer);
        return timer;
    }

    /** Moves time on, running what falls due in order. */
    public void advance(Duration by) {
        long until = now + by.toMillis();
        while (true) {
            Timer next = timers.stream().filter(t -> t.due <= until).min((a, b) -> Long.compare(a.due, b.due))
                    .orElse(null);
            if (next == null) {
                break;
            }
            now = next.due;
            if (next.period > 0) {
                next.due += next.period;
            } else {
                timers.remove(next);
            }
            next.action.run();
        }
        now = until;
    }

    public int pending() {
        return timers.size();
    }
}
