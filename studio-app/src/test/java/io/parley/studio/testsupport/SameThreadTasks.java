package io.parley.studio.testsupport;

import io.parley.studio.concurrent.BackgroundTasks;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its callback at once on the calling thread, so view-model tests need no waiting. */
public final class SameThreadTasks implements BackgroundTasks {

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable failure) {
            onFailure.accept(failure);
            return;
        }
        onSuccess.accept(result);
    }
}
