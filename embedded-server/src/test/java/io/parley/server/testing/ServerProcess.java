package io.parley.server.testing;

import io.parley.server.cli.ParleyCli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code parley serve} in a JVM of its own, as a user runs it, that a test can also kill outright. */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Parley server listening on (http://\\S+)");

    private final Process process;
    private final Thread reader;
    private final URI uri;
    private final List<String> output;

    private ServerProcess(Process process, Thread reader, URI uri, List<String> output) {
        this.process = process;
        this.reader = reader;
        this.uri = uri;
        this.output = output;
    }

    /** {@code parley serve ARGS} in a new JVM with this test's class path, output and errors merged. */
    public static ProcessBuilder command(String... serveArgs) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParleyCli.class.getName(), "serve"));
        cmd.addAll(List.of(serveArgs));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Starts {@code parley serve ARGS} and returns once it prints the address it listens on. */
    public static ServerProcess start(String... serveArgs) {
        Process process;
        try {
            process = command(serveArgs).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            address.completeExceptionally(new IllegalStateException("server exited without listening: " + lines));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, reader, address.get(90, TimeUnit.SECONDS), lines);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("parley serve did not start: " + lines, e);
        }
    }

    public URI uri() {
        return uri;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: no shutdown hook, no flush — a power cut as far as the process knows. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * SIGTERM, as a service manager or Ctrl+C would (Process.destroy() would also close our pipes);
     * returns once everything the process printed has been read: its exit code, with the JVM's 143
     * (128 + SIGTERM) after a graceful stop counted as 0.
     */
    public int stop() {
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waitForExit();
        return process.exitValue() == 143 ? 0 : process.exitValue();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
