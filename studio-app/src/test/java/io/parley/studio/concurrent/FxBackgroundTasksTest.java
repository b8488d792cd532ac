package io.parley.studio.concurrent;

import io.parley.studio.testsupport.RealDisplay;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FxBackgroundTasksTest {

    private final FxBackgroundTasks tasks = new FxBackgroundTasks();

    @BeforeAll
    static void startToolkit() throws Exception {
        RealDisplay.require();
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void runsWorkOffTheFxThreadAndTheResultOnIt() throws Exception {
        CompletableFuture<Boolean> workOnFxThread = new CompletableFuture<>();
        CompletableFuture<String> resultThread = new CompletableFuture<>();

        tasks.run(() -> {
            workOnFxThread.complete(Platform.isFxApplicationThread());
            return "done";
        }, result -> resultThread.complete(Platform.isFxApplicationThread() ? result : "wrong thread"),
                resultThread::completeExceptionally);

        assertThat(workOnFxThread.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(resultThread.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void handsFailuresToTheFxThreadToo() throws Exception {
        CompletableFuture<String> failure = new CompletableFuture<>();

        tasks.run(() -> {
            throw new IllegalStateException("boom");
        }, result -> failure.complete("unexpected success"),
                error -> failure.complete(Platform.isFxApplicationThread() ? error.getMessage() : "wrong thread"));

        assertThat(failure.get(10, TimeUnit.SECONDS)).isEqualTo("boom");
    }
}
