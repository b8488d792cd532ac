package io.parley.studio.api;

/**
 * A request to the Parley server that did not succeed: either the server answered with its
 * error envelope ({@code {"error":{"code","message"}}}), or it could not be reached at all
 * ({@link #status()} is {@link #NO_RESPONSE} and {@link #code()} is {@code "unreachable"}).
 */
public class ParleyApiException extends RuntimeException {

    public static final int NO_RESPONSE = 0;
    public static final String UNREACHABLE = "unreachable";

    private final int status;
    private final String code;

    public ParleyApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ParleyApiException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The server's machine-readable error code, for example {@code "unauthorized"}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "ParleyApiException[status=" + status + ", code=" + code + ", message=" + getMessage() + "]";
    }
}
