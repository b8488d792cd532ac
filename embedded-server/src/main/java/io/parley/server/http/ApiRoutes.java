package io.parley.server.http;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.parley.server.auth.Authenticator;
import io.parley.server.common.ParleyException;
import io.parley.server.tenancy.Principal;

/**
 * Registers a feature's endpoints on Helidon's routing: authenticates when the route needs it,
 * hands the handler an {@link ApiRequest}, writes its result as JSON and records the route in the
 * {@link RouteCatalog}. Exceptions travel to the error handlers of {@link HttpErrors}.
 */
public final class ApiRoutes {

    /** A thin handler: parse, call a service, return the response record (or a {@link Reply}). */
    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request);
    }

    private final HttpRules rules;
    private final String prefix;
    private final String tag;
    private final Authenticator authenticator;
    private final RouteCatalog catalog;
    private final long maxBodyBytes;
    private final long maxUploadBytes;

    public ApiRoutes(HttpRules rules, String prefix, String tag, Authenticator authenticator, RouteCatalog catalog,
                     long maxBodyBytes, long maxUploadBytes) {
        this.rules = rules;
        this.prefix = prefix;
        this.tag = tag;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The same registrar for another group of routes under the same prefix. */
    public ApiRoutes tagged(String otherTag) {
        return new ApiRoutes(rules, prefix, otherTag, authenticator, catalog, maxBodyBytes, maxUploadBytes);
    }

    public ApiRoutes get(String path, Access access, String summary, Handler handler) {
        return add(Method.GET, path, access, summary, null, handler);
    }

    public ApiRoutes delete(String path, Access access, String summary, Handler handler) {
        return add(Method.DELETE, path, access, summary, null, handler);
    }

    public ApiRoutes post(String path, Access access, String summary, Class<?> body, Handler handler) {
        return add(Method.POST, path, access, summary, body, handler);
    }

    public ApiRoutes put(String path, Access access, String summary, Class<?> body, Handler handler) {
        return add(Method.PUT, path, access, summary, body, handler);
    }

    public ApiRoutes patch(String path, Access access, String summary, Class<?> body, Handler handler) {
        return add(Method.PATCH, path, access, summary, body, handler);
    }

    private ApiRoutes add(Method method, String path, Access access, String summary, Class<?> body,
                          Handler handler) {
        catalog.add(new RouteInfo(method.text(), prefix + path, tag, summary, access, body));
        rules.route(method, path, (req, res) -> handle(req, res, access, handler));
        return this;
    }

    private void handle(ServerRequest req, ServerResponse res, Access access, Handler handler) {
        Principal principal = access == Access.PUBLIC ? null : authenticator.authenticate(req.headers());
        if (principal != null) {
            AccessLogFilter.recordPrincipal(req, principal);
        }
        Object result = handler.handle(new ApiRequest(req, principal, maxBodyBytes, maxUploadBytes));
        if (result instanceof Streamed streamed) {
            stream(res, streamed);
        } else if (result instanceof Download download) {
            send(res, download);
        } else if (result instanceof Reply reply) {
            res.status(Status.create(reply.status()));
            reply.headers().forEach((name, value) -> res.header(name, value));
            if (reply.body() == null) {
                res.send();
            } else {
                JsonResponses.send(res, reply.body());
            }
        } else {
            JsonResponses.send(res, result);
        }
    }

    private static void send(ServerResponse res, Download download) {
        try {
            res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, download.contentType());
            res.header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"");
            res.header(io.helidon.http.HeaderNames.CONTENT_LENGTH, String.valueOf(java.nio.file.Files.size(download.file())));
            try (java.io.OutputStream out = res.outputStream()) {
                java.nio.file.Files.copy(download.file(), out);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // the client left; nothing to answer
        } finally {
            if (download.temporary()) {
                try {
                    java.nio.file.Files.deleteIfExists(download.file());
                } catch (java.io.IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static void stream(ServerResponse res, Streamed streamed) {
        try (SseStream sse = new SseStream(res)) {
            try {
                streamed.body().accept(sse);
            } catch (ParleyException e) {
                if (!sse.started()) {
                    throw e;
                }
                sse.send("error", ErrorResponses.envelope(e.code(), e.getMessage(), e.details()));
            }
        } catch (java.io.UncheckedIOException gone) {
            // the client left mid-stream; the handler has already saved what it had
        }
    }
}
