package io.parley.studio.testsupport;

import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Parley server in another JVM ({@code parley serve}), as a second running Parley would be.
 * H2 only refuses a database file that another process holds, so this cannot be done in-process.
 */
public final class ServerProcess implements AutoCloseable {

    private static final String CLI = "io.parley.server.cli.ParleyCli";

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code parley serve} on {@code dataDir} and returns once it listens. */
    public static ServerProcess serve(Path dataDir, Path logFile) throws IOException, TimeoutException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CLI, "serve", "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile()) // a file, so a chatty server can never fill a pipe and stall
                .start();
        ServerProcess server = new ServerProcess(process, logFile);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> server.listening() || !process.isAlive());
        if (!server.listening()) {
            throw new IllegalStateException("parley serve did not start:\n" + Files.readString(logFile));
        }
        return server;
    }

    private boolean listening() throws IOException {
        return Files.readString(log).contains("Parley server listening on");
    }

    /** Stops it as Ctrl+C would, and waits until the process has gone. Safe to call twice. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
