package io.parley.studio.chatflow;

/** A finding of validation, for the problems list: {@code nodeId} null for the whole flow. */
public record Problem(String nodeId, String where, String message, boolean error) {

    /** The line the problems list shows. */
    public String text() {
        return (where.isEmpty() ? "" : where + ": ") + message;
    }
}
