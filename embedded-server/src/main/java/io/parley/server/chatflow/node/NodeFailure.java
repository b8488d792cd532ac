package io.parley.server.chatflow.node;

/**
 * A node that could not do its work at run time (a model or an HTTP call failed, a value was
 * missing). The flow follows the node's {@code error} edge with this message as
 * {@code {{node_id.error}}}, or answers with its fallback message when there is none. The message
 * goes to the execution log and to builders, never to visitors.
 */
public final class NodeFailure extends Exception {

    private final String code;

    public NodeFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public NodeFailure(String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Carries a node failure out of code that cannot throw checked exceptions (a side effect run once). */
    public static final class Unchecked extends RuntimeException {
        private final NodeFailure failure;

        public Unchecked(NodeFailure failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }

        public NodeFailure failure() {
            return failure;
        }
    }
}
