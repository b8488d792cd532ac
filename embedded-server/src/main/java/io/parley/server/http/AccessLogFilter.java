package io.parley.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.parley.server.tenancy.Principal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request: method, path (never the query string), status, time, and who called.
 * Headers and bodies are never logged, so tokens, keys and passwords cannot leak here.
 */
public final class AccessLogFilter implements Filter {

    private static final Logger LOG = Logger.getLogger("parley.access");
    private static final String CALLER = "parley.caller";

    static void recordPrincipal(ServerRequest req, Principal principal) {
        req.context().register(CALLER, principal.describe());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            if (LOG.isLoggable(Level.INFO)) {
                long micros = (System.nanoTime() - start) / 1_000;
                String caller = req.context().get(CALLER, String.class).orElse("-");
                LOG.info(String.format("%s %s %d %.1fms %s", req.prologue().method().text(),
                        req.prologue().uriPath().rawPath(), res.status().code(), micros / 1000.0, caller));
            }
        }
    }
}
