package io.parley.server.channel;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * Lets web pages on other origins call the public bot API (what the widget does). Only the public
 * paths are opened; admin routes stay same-origin. Allowing the origin here is not the security
 * check: a widget key is accepted only from the bot's allowed domains, which the chat routes check
 * on the {@code Origin} header. No cookies are involved (keys travel in {@code Authorization}), so
 * credentials are never allowed.
 */
final class PublicCors implements Filter {

    static final String ALLOW_HEADERS = "Authorization, Content-Type, Accept, Last-Event-ID";
    static final String EXPOSE_HEADERS = "Retry-After";

    static boolean isPublic(String path) {
        return path.startsWith("/api/v1/bots/") || path.equals("/api/v1/leads/capture") || path.equals("/widget.js");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().value(HeaderNames.ORIGIN);
        if (origin.isEmpty() || !isPublic(req.prologue().uriPath().rawPath())) {
            chain.proceed();
            return;
        }
        res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get()));
        res.header(HeaderValues.create(HeaderNames.VARY, "Origin"));
        boolean preflight = req.prologue().method().equals(Method.OPTIONS)
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight) {
            res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS"));
            res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS));
            res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600"));
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS));
        chain.proceed();
    }
}
