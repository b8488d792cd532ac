package io.parley.server.http;

import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Response headers a filter sets that must survive a failure: Helidon clears the response before
 * an error handler runs, and {@link HttpErrors} puts these back. Without it a CORS header vanished
 * from every error, and a browser showed the widget a network failure instead of "rate limited".
 */
public final class KeptHeaders {

    private final List<Header> headers = new ArrayList<>();

    private KeptHeaders() {
    }

    /** Sets {@code header} on the response now, and again on an error response if the handler fails. */
    public static void set(ServerRequest req, ServerResponse res, Header header) {
        res.header(header);
        KeptHeaders kept = req.context().get(KeptHeaders.class).orElseGet(() -> {
            KeptHeaders fresh = new KeptHeaders();
            req.context().register(fresh);
            return fresh;
        });
        kept.headers.add(header);
    }

    static void restore(ServerRequest req, ServerResponse res) {
        req.context().get(KeptHeaders.class).ifPresent(kept -> kept.headers.forEach(res::header));
    }
}
