package io.parley.server.http;

import java.util.Map;

/**
 * A handler's answer when the status is not 200 or a header is needed: {@code Reply.created(body)},
 * {@code Reply.noContent()}, {@code Reply.withHeader(body, "Content-Disposition", …)}.
 */
public record Reply(int status, Object body, Map<String, String> headers) {

    public Reply(int status, Object body) {
        this(status, body, Map.of());
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply noContent() {
        return new Reply(204, null);
    }

    /** A 200 with one more header (a download's file name, for example). */
    public static Reply withHeader(Object body, String name, String value) {
        return new Reply(200, body, Map.of(name, value));
    }
}
