package io.parley.server.common;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body up to a size, then stops reading (which cancels the exchange) instead of
 * buffering whatever a server sends. {@code null} bytes mean "larger than the cap" (or "not
 * read", for {@link #discard()}). Used by the web crawler and by chatflows' HTTP calls.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final long maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final boolean refuseUpFront;
    private Flow.Subscription subscription;

    private CappedBody(long maxBytes, boolean refuseUpFront) {
        this.maxBytes = maxBytes;
        this.refuseUpFront = refuseUpFront;
    }

    /** Reads at most {@code maxBytes}; a declared size over the cap is not read at all. */
    public static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
        return info -> of(maxBytes, info.headers().firstValueAsLong("content-length").orElse(-1));
    }

    /** A subscriber for a body of {@code declaredLength} bytes (-1: unknown) read up to {@code maxBytes}. */
    public static CappedBody of(long maxBytes, long declaredLength) {
        return new CappedBody(maxBytes, declaredLength > maxBytes);
    }

    /** Closes the exchange without reading a body nobody wants. */
    public static CappedBody discard() {
        return new CappedBody(0, true);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (refuseUpFront) {
            s.cancel();
            result.complete(null);
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + (long) item.remaining() > maxBytes) {
                result.complete(null);
                subscription.cancel();
                return;
            }
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            buffer.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
