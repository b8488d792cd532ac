package io.parley.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's long-lived resources and periodic chores, closed together (newest first) when the
 * server stops.
 */
final class Background implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Background.class.getName());

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("parley-timer").factory());

    <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    void every(Duration period, Runnable chore) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "periodic task failed; it runs again later", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing a resource failed", e);
            }
        }
    }
}
