package io.parley.server.chatflow.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of a code node, on its own thread: builds a locked-down context on the shared engine,
 * runs the code, converts the result. {@link CodeSandbox} watches it and calls {@link #stop}.
 */
final class CodeRun implements Runnable {

    enum StopReason { TIME, MEMORY, STATEMENTS }

    private static final Logger LOG = Logger.getLogger(CodeRun.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Engine engine;
    private final String code;
    private final String inputsJson;
    private final CodeLimits limits;
    private final LogLines logs = new LogLines();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(1);

    private volatile Context context;
    private volatile long codeStartNanos;
    private volatile long allocationBaseline;
    private volatile long durationNanos;
    private volatile CodeResult result;
    private volatile CodeFailure failure;

    CodeRun(Engine engine, String code, String inputsJson, CodeLimits limits) {
        this.engine = engine;
        this.code = code;
        this.inputsJson = inputsJson;
        this.limits = limits;
    }

    @Override
    public void run() {
        try (Context ctx = newContext()) {
            context = ctx;
            if (stopReason.get() != null) {
                return; // stopped while the context was being built
            }
            ctx.eval(SandboxScripts.PRELUDE).execute(logs, LogLines.MAX_LINE_CHARS);
            Value inputs = ctx.eval(SandboxScripts.PARSE_INPUTS).execute(inputsJson);
            Value toJson = ctx.eval(SandboxScripts.TO_JSON);
            Value function = ctx.eval(SandboxScripts.userFunction(code));
            allocationBaseline = THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
            long start = System.nanoTime();
            codeStartNanos = start;
            Value converted = toJson.execute(function.execute(inputs), limits.maxOutputBytes());
            durationNanos = System.nanoTime() - start;
            result = toResult(converted);
        } catch (PolyglotException e) {
            durationNanos = codeStartNanos == 0 ? 0 : System.nanoTime() - codeStartNanos;
            failure = FailureMessages.of(e, stopReason.get(), limits, code, logs.snapshot(), millis());
        } catch (CodeFailure e) {
            failure = e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Code node run failed inside the sandbox", e);
            failure = new CodeFailure(CodeFailure.Kind.RUNTIME, 0,
                    "The code could not run because of an internal error.", logs.snapshot(), millis());
        } finally {
            done.countDown();
        }
    }

    /** Cancels the run (idempotent); the first reason wins. */
    void stop(StopReason reason) {
        stopReason.compareAndSet(null, reason);
        Context ctx = context;
        if (ctx != null) {
            try {
                ctx.close(true);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing a cancelled code context: {0}", e.toString());
            }
        }
    }

    boolean awaitDone(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code System.nanoTime()} when the builder's code started, 0 before. */
    long codeStartNanos() {
        return codeStartNanos;
    }

    long allocatedSinceStart(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId) - allocationBaseline;
    }

    static boolean allocationMeasurable() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** The result, or the failure thrown; if the run is still going (it did not stop), the stop reason's failure. */
    CodeResult outcome() {
        if (result != null) {
            return result;
        }
        if (failure != null) {
            throw failure;
        }
        StopReason reason = stopReason.get();
        throw FailureMessages.stopped(reason == null ? StopReason.TIME : reason, limits, logs.snapshot(), millis());
    }

    private CodeResult toResult(Value converted) {
        if (converted.hasMember("problem")) {
            throw new CodeFailure(CodeFailure.Kind.OUTPUT, 0, converted.getMember("problem").asString(),
                    logs.snapshot(), millis());
        }
        String json = converted.hasMember("json") ? converted.getMember("json").asString() : null;
        if (json == null || json.getBytes(StandardCharsets.UTF_8).length > limits.maxOutputBytes()) {
            throw new CodeFailure(CodeFailure.Kind.OUTPUT, 0, "The result is larger than "
                    + FailureMessages.size(limits.maxOutputBytes()) + "; return less data.", logs.snapshot(), millis());
        }
        try {
            JsonNode value = JSON.readTree(json);
            return new CodeResult(value, logs.snapshot(), millis());
        } catch (JsonProcessingException e) {
            throw new CodeFailure(CodeFailure.Kind.OUTPUT, 0, "The result is not valid JSON.", logs.snapshot(), millis());
        }
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(durationNanos);
    }

    private Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowNativeAccess(false)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowExperimentalOptions(false)
                .in(InputStream.nullInputStream())
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .timeZone(ZoneOffset.UTC) // the same dates on every server
                .option("js.ecmascript-version", "2024")
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.graal-builtin", "false")
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(limits.maxStatements(), null)
                        .onLimit(event -> stopReason.compareAndSet(null, StopReason.STATEMENTS))
                        .build())
                .build();
    }
}
