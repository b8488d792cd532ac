package io.parley.server.common;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the caller can act on: bad input, missing access, a missing resource, a conflict.
 * Services throw it; the HTTP layer maps its {@link Kind} to a status and the error envelope in
 * one place. The message is shown to users, so it must say what to do and never carry secrets.
 */
public final class ParleyException extends RuntimeException {

    public enum Kind {
        INVALID_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, VALIDATION_FAILED, UNAVAILABLE, RATE_LIMITED
    }

    private final Kind kind;
    private final String code;
    private final Map<String, Object> details;

    public ParleyException(Kind kind, String code, String message, Map<String, Object> details) {
        super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ParleyException invalidInput(String message) {
        return new ParleyException(Kind.INVALID_INPUT, "invalid_request", message, null);
    }

    /** Bad value in one field; {@code details.field} names it so a form can highlight it. */
    public static ParleyException invalidField(String field, String message) {
        return new ParleyException(Kind.INVALID_INPUT, "invalid_field", message, Map.of("field", field));
    }

    public static ParleyException unauthorized(String message) {
        return new ParleyException(Kind.UNAUTHORIZED, "unauthorized", message, null);
    }

    public static ParleyException forbidden(String message) {
        return new ParleyException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    /** Also used for resources of another tenant, so their existence is not revealed. */
    public static ParleyException notFound(String what) {
        return new ParleyException(Kind.NOT_FOUND, "not_found", what + " not found", null);
    }

    /** Too many requests; {@code details.retry_after_seconds} becomes the Retry-After header. */
    public static ParleyException rateLimited(String message, long retryAfterSeconds) {
        return rateLimited("rate_limited", message, retryAfterSeconds);
    }

    /** A limit with its own code (a conversation's or a day's cap), so clients can say what to do. */
    public static ParleyException rateLimited(String code, String message, long retryAfterSeconds) {
        return new ParleyException(Kind.RATE_LIMITED, code, message,
                Map.of("retry_after_seconds", Math.max(1, retryAfterSeconds)));
    }

    public static ParleyException conflict(String code, String message) {
        return new ParleyException(Kind.CONFLICT, code, message, null);
    }

    public static ParleyException tooLarge(long limitBytes) {
        return new ParleyException(Kind.TOO_LARGE, "payload_too_large",
                "The request body is larger than the limit of " + limitBytes + " bytes",
                Map.of("limit_bytes", limitBytes));
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
