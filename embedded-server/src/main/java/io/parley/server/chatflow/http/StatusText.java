package io.parley.server.chatflow.http;

import java.util.Map;

/** Reason phrases for the statuses a builder is likely to meet (HTTP/2 sends none). */
final class StatusText {

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private StatusText() {
    }

    /** "404 Not Found", or just "418" for a status without a known phrase. */
    static String describe(int status) {
        String text = TEXT.get(status);
        return text == null ? String.valueOf(status) : status + " " + text;
    }
}
