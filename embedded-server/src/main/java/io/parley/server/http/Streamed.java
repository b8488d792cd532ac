package io.parley.server.http;

import java.util.function.Consumer;

/**
 * A handler result that streams server-sent events. A {@link io.parley.server.common.ParleyException}
 * thrown before the first event becomes the usual JSON error; after it, an {@code error} event.
 */
public record Streamed(Consumer<SseStream> body) {
}
