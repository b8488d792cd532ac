package io.parley.server.http;

import io.parley.server.common.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.parley.server.common.ParleyException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the one error envelope: {@code {"error": {"code", "message", "details"?}}}. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static int status(ParleyException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case VALIDATION_FAILED -> 422;
            case UNAVAILABLE -> 503;
            case RATE_LIMITED -> 429;
        };
    }

    public static Map<String, Object> envelope(String code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (details != null && !details.isEmpty()) {
            error.put("details", details);
        }
        return Map.of("error", error);
    }

    public static byte[] envelopeBytes(String code, String message) {
        try {
            return Json.mapper().writeValueAsBytes(envelope(code, message, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void send(ServerResponse res, int status, String code, String message, Map<String, Object> details) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(status));
        if (status == 401) {
            res.header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"parley\""));
        }
        if (details != null && details.get("retry_after_seconds") instanceof Number wait) {
            res.header(HeaderValues.create(HeaderNames.RETRY_AFTER, String.valueOf(wait.longValue())));
        }
        JsonResponses.send(res, envelope(code, message, details));
    }

    public static void send(ServerResponse res, ParleyException e) {
        send(res, status(e.kind()), e.code(), e.getMessage(), e.details());
    }
}
