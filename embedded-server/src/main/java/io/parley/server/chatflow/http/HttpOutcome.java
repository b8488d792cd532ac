package io.parley.server.chatflow.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

/**
 * What an http node's call came to.
 *
 * @param success    a 2xx answer was read
 * @param status     the last HTTP status, 0 when no answer came
 * @param headers    selected response headers (lower-case names), see {@link HttpCaller#KEPT_HEADERS}
 * @param body       the answer's text ({@code null} when none was read)
 * @param json       the answer parsed, when it is JSON; otherwise {@code null}
 * @param attempts   requests sent (0 when the URL was refused or the circuit was open)
 * @param durationMs from the call to its outcome, waits between attempts included
 * @param failure    why it failed, {@code null} on success
 * @param message    a sentence for the bot's builder, {@code null} on success
 */
public record HttpOutcome(boolean success, int status, Map<String, String> headers, String body, JsonNode json,
                          int attempts, long durationMs, HttpFailure failure, String message) {

    public HttpOutcome {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    static HttpOutcome failed(HttpFailure failure, String message, int attempts, long durationMs) {
        return new HttpOutcome(false, 0, Map.of(), null, null, attempts, durationMs, failure, message);
    }

    /** Response data only, and only its size: no request header, body or query ever appears here. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("HttpOutcome[");
        text.append(success ? "success" : "failed " + failure);
        if (status > 0) {
            text.append(", status ").append(status);
        }
        text.append(", attempts ").append(attempts).append(", ").append(durationMs).append(" ms");
        if (body != null) {
            text.append(", body ").append(body.length()).append(" chars");
        }
        if (message != null) {
            text.append(": ").append(message);
        }
        return text.append(']').toString();
    }

    /** The URL without user info, query or fragment, which may carry credentials. */
    public static String safeUrl(URI url) {
        if (url == null || url.getHost() == null) {
            return "(invalid URL)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
