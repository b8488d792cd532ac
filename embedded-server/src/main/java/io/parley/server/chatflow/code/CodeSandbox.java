package io.parley.server.chatflow.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.graalvm.polyglot.Engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs a chatflow code node's JavaScript in GraalJS with no access to the host: no Java classes,
 * files, network, threads, processes or environment. The code is a function body with
 * {@code inputs} in scope; what it returns must be JSON.
 *
 * <pre>{@code
 * try (CodeSandbox sandbox = new CodeSandbox()) {
 *     CodeResult r = sandbox.run("return inputs.items.length;", json, CodeLimits.DEFAULTS);
 * }
 * }</pre>
 *
 * Each run gets a fresh context (nothing leaks from one run to the next) on one shared engine,
 * and its own platform thread. The calling thread is the watchdog: it cancels the context when
 * the time limit passes or when the run's thread has allocated more than its limit (measured
 * with {@code ThreadMXBean.getThreadAllocatedBytes}, polled every {@value #POLL_MILLIS} ms).
 * Runs may be made from several threads at once.
 */
public final class CodeSandbox implements AutoCloseable {

    static final long POLL_MILLIS = 5;
    private static final Logger LOG = Logger.getLogger(CodeSandbox.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Building a context is Parley's work, not the builder's: bounded separately and generously. */
    private static final Duration SETUP_LIMIT = Duration.ofSeconds(30);
    /** How long a cancelled run may take to unwind before the caller stops waiting for it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final AtomicLong THREAD_NUMBER = new AtomicLong();

    private final Object lock = new Object();
    private Engine engine;
    private boolean closed;

    public CodeResult run(String code, JsonNode inputs) {
        return run(code, inputs, CodeLimits.DEFAULTS);
    }

    /**
     * Runs {@code code} as the body of {@code function (inputs)}.
     *
     * @throws CodeFailure           when the code does not parse, throws, exceeds a limit or returns no JSON
     * @throws CancellationException when the calling thread is interrupted (the run is cancelled)
     */
    public CodeResult run(String code, JsonNode inputs, CodeLimits limits) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(limits, "limits");
        CodeRun run = new CodeRun(engine(), code, inputsJson(inputs), limits);
        Thread thread = Thread.ofPlatform().daemon()
                .name("parley-code-" + THREAD_NUMBER.incrementAndGet())
                .unstarted(run);
        thread.start();
        try {
            watch(run, thread, limits);
        } catch (InterruptedException e) {
            run.stop(CodeRun.StopReason.TIME);
            Thread.currentThread().interrupt();
            throw new CancellationException("The code run was cancelled");
        }
        return run.outcome();
    }

    /** Closes the shared engine, cancelling runs still going. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (engine != null) {
                engine.close(true);
                engine = null;
            }
        }
    }

    private void watch(CodeRun run, Thread thread, CodeLimits limits) throws InterruptedException {
        boolean measureMemory = CodeRun.allocationMeasurable();
        long setupDeadline = System.nanoTime() + SETUP_LIMIT.toNanos();
        long poll = Duration.ofMillis(POLL_MILLIS).toNanos();
        while (!run.awaitDone(poll)) {
            long started = run.codeStartNanos();
            long now = System.nanoTime();
            if (started == 0) {
                if (now - setupDeadline > 0) {
                    run.stop(CodeRun.StopReason.TIME);
                    break;
                }
            } else if (now - started > limits.timeout().toNanos()) {
                run.stop(CodeRun.StopReason.TIME);
                break;
            } else if (measureMemory && run.allocatedSinceStart(thread.threadId()) > limits.maxAllocatedBytes()) {
                run.stop(CodeRun.StopReason.MEMORY);
                break;
            }
        }
        // Joined, not just awaited: a run leaves no thread behind once run() returns.
        if (!thread.join(STOP_GRACE)) {
            LOG.warning(() -> "Code run thread " + thread.getName() + " did not stop within " + STOP_GRACE);
        }
    }

    private Engine engine() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The code sandbox is closed");
            }
            if (engine == null) {
                engine = Engine.newBuilder("js")
                        // No JIT on a stock JDK: expected, and said once in the docs, not on every start.
                        .option("engine.WarnInterpreterOnly", "false")
                        .logHandler(new ToJulHandler())
                        .build();
            }
            return engine;
        }
    }

    private static String inputsJson(JsonNode inputs) {
        if (inputs == null || inputs.isMissingNode()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(inputs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inputs are not serialisable as JSON", e);
        }
    }

    /** GraalVM's own log lines go to java.util.logging like the rest of the server's. */
    private static final class ToJulHandler extends Handler {
        private static final Logger GRAAL = Logger.getLogger("io.parley.server.chatflow.code.graal");

        @Override
        public void publish(LogRecord record) {
            record.setLoggerName(GRAAL.getName());
            GRAAL.log(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
