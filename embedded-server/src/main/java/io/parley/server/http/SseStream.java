package io.parley.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.parley.server.common.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on a response (Helidon 4.1.7 has no SSE module here). The headers go out with
 * the first event, so a handler can still fail with an ordinary JSON error before it sends one.
 * A write to a client that went away throws {@link UncheckedIOException}.
 */
public final class SseStream implements AutoCloseable {

    private final ServerResponse res;
    private OutputStream out;

    SseStream(ServerResponse res) {
        this.res = res;
    }

    public boolean started() {
        return out != null;
    }

    /** Sends {@code event} with {@code data} as JSON, and flushes it to the client. */
    public synchronized void send(String event, Object data) {
        try {
            if (out == null) {
                openStream();
            }
            String line = "event: " + event + "\ndata: " + Json.mapper().writeValueAsString(data) + "\n\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    /** Sends a raw {@code data:} line (the OpenAI wire ends with {@code data: [DONE]}). */
    public synchronized void sendRaw(String data) {
        if (out == null) {
            throw new IllegalStateException("send an event first");
        }
        try {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    /** Sends {@code data} as an unnamed event (the OpenAI streaming wire). */
    public synchronized void sendData(Object data) {
        try {
            if (out == null) {
                openStream();
            }
            out.write(("data: " + Json.mapper().writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    private void openStream() {
        res.status(Status.OK_200);
        // X-Accel-Buffering: proxies must not hold the stream back
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8"));
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache"));
        res.header(HeaderValues.create("X-Accel-Buffering", "no"));
        out = res.outputStream();
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException | UncheckedIOException ignored) {
                // the client is gone; nothing left to tell it
            }
        }
    }
}
