package io.parley.studio.kb;

/**
 * A source in the wizard's list. While a file uploads it has no id yet; a source the server
 * refused keeps its row with the reason, until the builder removes it.
 */
public record SourceRow(String localKey, String id, String kind, String name, String detail, State state,
                        String problem) {

    public enum State { ADDING, ADDED, FAILED }

    static SourceRow adding(String localKey, String kind, String name) {
        return new SourceRow(localKey, null, kind, name, "Adding…", State.ADDING, "");
    }

    SourceRow added(String id, String detail) {
        return new SourceRow(localKey, id, kind, name, detail, State.ADDED, "");
    }

    SourceRow failed(String problem) {
        return new SourceRow(localKey, null, kind, name, "Not added", State.FAILED, problem);
    }
}
