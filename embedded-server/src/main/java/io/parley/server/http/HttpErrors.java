package io.parley.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.StorageUnavailableException;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every failure to the error envelope in one place. Expected failures keep their message;
 * anything unexpected is logged with its stack trace on the server and answers a generic 500,
 * so no stack trace ever reaches a client.
 */
public final class HttpErrors {

    private static final Logger LOG = Logger.getLogger(HttpErrors.class.getName());

    private HttpErrors() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ParleyException.class, (req, res, e) -> {
            KeptHeaders.restore(req, res);
            ErrorResponses.send(res, e);
        });
        routing.error(StorageUnavailableException.class, (req, res, e) -> {
            LOG.log(Level.WARNING, "database unavailable: " + e.getMessage());
            KeptHeaders.restore(req, res);
            ErrorResponses.send(res, 503, "unavailable", "The database is not reachable; try again shortly", null);
        });
        routing.error(RequestException.class, (req, res, e) -> {
            KeptHeaders.restore(req, res);
            ErrorResponses.send(res, e.status().code(), codeFor(e.status()),
                    e.safeMessage() ? e.getMessage() : e.status().reasonPhrase(), null);
        });
        routing.error(Throwable.class, (req, res, e) -> {
            KeptHeaders.restore(req, res);
            unexpected(req, res, e);
        });
    }

    /** The last route: an unknown path answers 404, a known path with another method 405. */
    public static void registerFallback(HttpRouting.Builder routing, RouteCatalog catalog) {
        routing.any((req, res) -> {
            String path = req.prologue().uriPath().rawPath();
            Set<String> methods = catalog.methodsFor(path);
            if (methods.isEmpty()) {
                ErrorResponses.send(res, 404, "not_found", "No such endpoint: " + req.prologue().method().text()
                        + " " + path, null);
            } else {
                res.header(HeaderValues.create(HeaderNames.ALLOW, String.join(", ", methods)));
                ErrorResponses.send(res, 405, "method_not_allowed", "Use " + String.join(" or ", methods)
                        + " for " + path, null);
            }
        });
    }

    /** Errors Helidon answers before routing (malformed request line, oversized body) get the envelope too. */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            // Helidon reports an oversized body as BAD_REQUEST with status 413, so go by the status.
            String safe = status.code() == 413 ? "The request body is too large" : status.reasonPhrase();
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .entity(ErrorResponses.envelopeBytes(codeFor(status), safe))
                    .keepAlive(eventType.keepAlive())
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        LOG.log(Level.SEVERE, "unexpected error on " + req.prologue().method().text() + " "
                + req.prologue().uriPath().rawPath(), e);
        ErrorResponses.send(res, 500, "internal_error",
                "Something went wrong on the server; the error was logged", null);
    }

    static String codeFor(Status status) {
        return switch (status.code()) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status.code() >= 500 ? "internal_error" : "invalid_request";
        };
    }
}
