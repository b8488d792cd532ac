package io.parley.studio.runtime;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns the exception from a failed server start into words a builder can act on.
 * The common case gets its own advice: another Parley already holds the data folder.
 */
public final class StartupFailures {

    private StartupFailures() {
    }

    public static StartupProblem explain(Throwable failure, Path dataDir) {
        if (isDataFolderInUse(failure)) {
            return new StartupProblem("Server could not start: the data folder is in use by another Parley",
                    "The data folder " + dataDir + " is in use by another running Parley. Close the other "
                            + "Parley and click Try again, or start Studio with --data-dir to use another folder.");
        }
        return new StartupProblem("Server could not start", "The server could not start: " + firstMessage(failure));
    }

    /**
     * The server says "in use by another Parley process"; H2 underneath says "Database may be
     * already in use" / "The file is locked" (error 90020).
     */
    static boolean isDataFolderInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("in use by another") || message.contains("already in use")
                    || message.contains("90020") || message.contains("file is locked")) {
                return true;
            }
        }
        return false;
    }

    // The outermost message is the server's own wording, which is meant for users; causes are not.
    private static String firstMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                // Database errors can run over many lines; the status bar shows only the first.
                return message.lines().findFirst().orElse(message).trim();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
