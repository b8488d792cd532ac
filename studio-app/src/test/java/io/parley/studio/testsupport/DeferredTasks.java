package io.parley.studio.testsupport;

import io.parley.studio.concurrent.BackgroundTasks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Holds work until the test says so, to check what happens in between (e.g. closing mid-start). */
public final class DeferredTasks implements BackgroundTasks {

    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final SameThreadTasks inline = new SameThreadTasks();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        pending.add(() -> inline.run(work, onSuccess, onFailure));
    }

    public void runAll() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    public int pendingCount() {
        return pending.size();
    }
}
