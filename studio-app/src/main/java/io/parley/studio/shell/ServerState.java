package io.parley.studio.shell;

/** What the status bar says about the local server. */
public enum ServerState {
    STARTING,
    /** Listening, and every readiness check passed. */
    RUNNING,
    /** Listening, but a readiness check (such as the database) is down. */
    NOT_READY,
    FAILED,
    STOPPED
}
