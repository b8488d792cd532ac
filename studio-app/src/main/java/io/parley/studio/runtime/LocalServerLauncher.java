package io.parley.studio.runtime;

import java.nio.file.Path;

/** Starts a {@link LocalServer} on a data folder, blocking until it listens. */
@FunctionalInterface
public interface LocalServerLauncher {

    LocalServer start(Path dataDir) throws Exception;
}
