package io.parley.server.channel;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.parley.server.http.KeptHeaders;

/**
 * Lets pages on other sites call the public routes (the widget runs on the customer's site). No
 * cookies are involved — keys travel in the Authorization header — so any origin may ask; which
 * origins a widget key accepts is decided by {@link BotAccess}, not by the browser.
 */
public final class PublicCors implements Filter {

    static boolean isPublic(String path) {
        return path.startsWith("/api/v1/bots/") || path.equals("/api/v1/leads/capture")
                || path.equals("/v1/chat/completions") || path.equals("/v1/models");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!isPublic(req.path().rawPath())) {
            chain.proceed();
            return;
        }
        // Kept on error responses too, or the browser hides the error (a 429, a refused origin) from the page.
        KeptHeaders.set(req, res, HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*"));
        // Only a real preflight (a browser asking) is answered here; any other OPTIONS gets the usual 405.
        if (req.prologue().method() == Method.OPTIONS && req.headers().contains(HeaderNames.ORIGIN)
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS"));
            res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Accept"));
            res.header(HeaderValues.create(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600"));
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        KeptHeaders.set(req, res, HeaderValues.create(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After"));
        chain.proceed();
    }
}
