package io.parley.server.http;

/** A handler's answer when the status is not 200: {@code Reply.created(body)}, {@code Reply.noContent()}. */
public record Reply(int status, Object body) {
    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply noContent() {
        return new Reply(204, null);
    }
}
