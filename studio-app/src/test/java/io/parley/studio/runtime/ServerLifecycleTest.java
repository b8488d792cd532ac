package io.parley.studio.runtime;

import io.parley.studio.testsupport.FakeLocalServer;
import io.parley.studio.testsupport.FakeParleyHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerLifecycleTest {

    private final FakeParleyHttpServer http = FakeParleyHttpServer.start();
    private final AtomicInteger starts = new AtomicInteger();
    private final FakeLocalServer server = new FakeLocalServer(http);

    @AfterEach
    void stopHttp() {
        http.close();
    }

    @Test
    void startsOnceAndStopsWhatItStarted() throws Exception {
        var lifecycle = new ServerLifecycle(dir -> {
            starts.incrementAndGet();
            return server;
        }, Path.of("/tmp/data"));

        assertThat(lifecycle.start()).isSameAs(server);
        assertThat(lifecycle.start()).isSameAs(server);
        assertThat(starts).hasValue(1);
        assertThat(lifecycle.isRunning()).isTrue();

        lifecycle.stop();
        lifecycle.stop();

        assertThat(server.isClosed()).isTrue();
        assertThat(lifecycle.isRunning()).isFalse();
    }

    @Test
    void refusesToStartOnceStopped() {
        var lifecycle = new ServerLifecycle(dir -> server, Path.of("/tmp/data"));
        lifecycle.stop();

        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class);
        assertThat(server.isClosed()).isFalse();
    }

    @Test
    void passesTheDataFolderToTheLauncher() throws Exception {
        Path[] seen = new Path[1];
        var lifecycle = new ServerLifecycle(dir -> {
            seen[0] = dir;
            return server;
        }, Path.of("/tmp/data"));

        lifecycle.start();

        assertThat(seen[0]).isEqualTo(Path.of("/tmp/data"));
    }

    @Test
    void stopDuringAStartWaitsForItAndThenStopsTheNewServer() throws Exception {
        CountDownLatch launcherEntered = new CountDownLatch(1);
        CountDownLatch finishLaunch = new CountDownLatch(1);
        var lifecycle = new ServerLifecycle(dir -> {
            launcherEntered.countDown();
            finishLaunch.await();
            return server;
        }, Path.of("/tmp/data"));

        CompletableFuture<LocalServer> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return lifecycle.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(launcherEntered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(lifecycle::stop);
        finishLaunch.countDown();

        assertThat(starting.get(10, TimeUnit.SECONDS)).isSameAs(server);
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(server.isClosed()).isTrue();
    }
}
