package io.parley.server.chatflow.code;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Turns what GraalJS reports into a {@link CodeFailure} a bot builder can act on. */
final class FailureMessages {

    private static final Logger LOG = Logger.getLogger(FailureMessages.class.getName());
    /** GraalJS starts syntax messages with "name:line:column ". */
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^" + SandboxScripts.CODE_NAME + ":\\d+:\\d+\\s*");

    private FailureMessages() {
    }

    static CodeFailure of(PolyglotException e, CodeRun.StopReason reason, CodeLimits limits, String code,
                          List<String> logs, long durationMs) {
        if (reason != null || e.isCancelled()) {
            return stopped(reason == null ? CodeRun.StopReason.TIME : reason, limits, logs, durationMs);
        }
        if (e.isResourceExhausted()) {
            return new CodeFailure(CodeFailure.Kind.MEMORY, 0,
                    "The code ran out of memory or nested its calls too deeply.", logs, durationMs);
        }
        if (e.isSyntaxError()) {
            int line = line(e, code);
            return new CodeFailure(CodeFailure.Kind.SYNTAX, line,
                    "Syntax error" + onLine(line) + ": " + firstLine(e.getMessage()), logs, durationMs);
        }
        if (e.isGuestException() && !e.isInternalError()) {
            int line = line(e, code);
            String message = e.getMessage() == null || e.getMessage().isBlank() ? "an error was thrown" : e.getMessage();
            return new CodeFailure(CodeFailure.Kind.RUNTIME, line, "Error" + onLine(line) + ": " + firstLine(message),
                    logs, durationMs);
        }
        LOG.log(Level.WARNING, "Code node run failed inside GraalJS", e);
        return new CodeFailure(CodeFailure.Kind.RUNTIME, 0, "The code could not run because of an internal error.",
                logs, durationMs);
    }

    static CodeFailure stopped(CodeRun.StopReason reason, CodeLimits limits, List<String> logs, long durationMs) {
        return switch (reason) {
            case TIME -> new CodeFailure(CodeFailure.Kind.TIMEOUT, 0, "The code took longer than "
                    + seconds(limits) + " and was stopped. Check for a loop that never ends.", logs, durationMs);
            case STATEMENTS -> new CodeFailure(CodeFailure.Kind.TIMEOUT, 0, "The code ran more than "
                    + String.format("%,d", limits.maxStatements())
                    + " steps and was stopped. Check for a loop that never ends.", logs, durationMs);
            case MEMORY -> new CodeFailure(CodeFailure.Kind.MEMORY, 0, "The code used more than "
                    + size(limits.maxAllocatedBytes()) + " of memory and was stopped.", logs, durationMs);
        };
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private static String seconds(CodeLimits limits) {
        long ms = limits.timeout().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** The line in the builder's code (1-based), 0 if the error is not located in it. */
    private static int line(PolyglotException e, String code) {
        SourceSection at = e.getSourceLocation();
        if (!inCode(at)) {
            at = null;
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                if (frame.isGuestFrame() && inCode(frame.getSourceLocation())) {
                    at = frame.getSourceLocation();
                    break;
                }
            }
        }
        if (at == null) {
            return 0;
        }
        int lines = (int) code.lines().count();
        return Math.max(1, Math.min(at.getStartLine(), Math.max(lines, 1))); // "missing }" is reported past the end
    }

    private static boolean inCode(SourceSection section) {
        return section != null && section.isAvailable()
                && SandboxScripts.CODE_NAME.equals(section.getSource().getName());
    }

    private static String onLine(int line) {
        return line > 0 ? " on line " + line : "";
    }

    private static String firstLine(String message) {
        String text = LOCATION_PREFIX.matcher(message == null ? "" : message.strip()).replaceFirst("");
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
