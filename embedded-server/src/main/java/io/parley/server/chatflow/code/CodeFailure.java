package io.parley.server.chatflow.code;

import java.util.List;

/**
 * A code node's run that failed, with a message meant for the bot's builder (never a Java stack
 * trace). {@link #line()} is the line of the builder's code, 1-based, or 0 when unknown.
 */
public final class CodeFailure extends RuntimeException {

    public enum Kind {
        /** The code does not parse. */
        SYNTAX,
        /** The code threw, or used something that does not exist in the sandbox. */
        RUNTIME,
        /** Too slow: the time or statement limit was reached. */
        TIMEOUT,
        /** The code allocated more than its limit. */
        MEMORY,
        /** The returned value is not JSON or is too big. */
        OUTPUT
    }

    private final Kind kind;
    private final int line;
    private final List<String> logs;
    private final long durationMs;

    CodeFailure(Kind kind, int line, String message, List<String> logs, long durationMs) {
        super(message, null, false, false); // no Java stack trace: the message is the whole story
        this.kind = kind;
        this.line = line;
        this.logs = List.copyOf(logs);
        this.durationMs = durationMs;
    }

    public Kind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    /** What the code logged before it failed. */
    public List<String> logs() {
        return logs;
    }

    public long durationMs() {
        return durationMs;
    }

    @Override
    public String toString() {
        return "CodeFailure[" + kind + (line > 0 ? ", line " + line : "") + "]: " + getMessage();
    }
}
