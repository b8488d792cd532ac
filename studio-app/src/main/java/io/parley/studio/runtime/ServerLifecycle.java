package io.parley.studio.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Owns the one local server of a studio window. Start and stop share a lock so that closing the
 * window while the server is still starting waits for the start to finish and then stops it,
 * rather than leaving a server running with nobody to close it.
 */
public final class ServerLifecycle {

    private final LocalServerLauncher launcher;
    private final Path dataDir;
    private LocalServer server;
    private boolean closed;

    public ServerLifecycle(LocalServerLauncher launcher, Path dataDir) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts the server, or returns the one already running. Blocks; call it off the UI thread. */
    public synchronized LocalServer start() throws Exception {
        if (closed) {
            throw new IllegalStateException("The studio is closing; the server will not start.");
        }
        if (server == null) {
            server = launcher.start(dataDir);
        }
        return server;
    }

    /** Stops the server if one runs; afterwards {@link #start()} refuses. Safe to call twice. */
    public synchronized void stop() {
        closed = true;
        if (server != null) {
            LocalServer running = server;
            server = null;
            running.close();
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }
}
