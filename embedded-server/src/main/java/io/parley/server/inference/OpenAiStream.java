package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.parley.server.inference.ProviderException.Code;

/**
 * One streamed answer, read on its own platform thread named {@value #THREAD_PREFIX}N: server-sent
 * events ({@code data: {...}} lines, ending with {@code data: [DONE]}), each chunk's delta passed to
 * the listener. The thread ends when the answer does, fails, or is cancelled.
 */
final class OpenAiStream implements ChatStream {

    static final String THREAD_PREFIX = "parley-inference-stream-";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Supplier<HttpResponse<InputStream>> open;
    private final TokenListener listener;
    private final String apiKey;
    private final Runnable onEnd;
    private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    private final Thread worker;
    private volatile boolean cancelled;
    private volatile InputStream body;

    OpenAiStream(Supplier<HttpResponse<InputStream>> open, TokenListener listener, String apiKey, Runnable onEnd) {
        this.open = open;
        this.listener = listener;
        this.apiKey = apiKey;
        this.onEnd = onEnd;
        this.worker = Thread.ofPlatform().daemon().name(THREAD_PREFIX + COUNT.incrementAndGet()).unstarted(this::run);
    }

    void start() {
        worker.start();
    }

    @Override
    public CompletableFuture<ChatResponse> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
        result.cancel(false);
        worker.interrupt(); // wakes a retry wait, a pending send or a blocked read
        closeQuietly(body); // closing the body before its end closes the connection
    }

    private void run() {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = open.get();
            body = response.body();
            if (cancelled) {
                return;
            }
            ChatResponse answer = read(body, start);
            if (answer != null) {
                result.complete(answer);
            }
        } catch (ProviderException e) {
            result.completeExceptionally(e);
        } catch (CancellationException e) {
            result.cancel(false);
        } catch (RuntimeException e) {
            result.completeExceptionally(cancelled ? e
                    : ProviderException.of(Code.PROVIDER_ERROR, "The answer stream failed unexpectedly"));
        } finally {
            closeQuietly(body);
            onEnd.run();
        }
    }

    /** The whole answer, or null when cancelled part-way. */
    private ChatResponse read(InputStream in, long start) {
        StringBuilder content = new StringBuilder();
        String finishReason = null;
        String model = null;
        TokenUsage usage = null;
        boolean done = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!cancelled && (line = reader.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue; // blank separators, ": keep-alive" comments, event: and id: fields
                }
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                JsonNode chunk = OpenAiWire.readTree(data);
                if (chunk.hasNonNull("error")) {
                    String detail = OpenAiWire.providerMessage(data, apiKey);
                    throw ProviderException.of(Code.PROVIDER_ERROR, "The model server failed while answering"
                            + (detail == null ? "" : ": " + detail));
                }
                model = firstNonNull(OpenAiWire.textOrNull(chunk.path("model")), model);
                usage = firstNonNull(OpenAiWire.usage(chunk), usage);
                JsonNode choice = chunk.path("choices").path(0);
                String delta = OpenAiWire.textOrNull(choice.path("delta").path("content"));
                if (delta != null && !delta.isEmpty()) {
                    content.append(delta);
                    deliver(delta);
                }
                finishReason = firstNonNull(OpenAiWire.textOrNull(choice.path("finish_reason")), finishReason);
            }
        } catch (IOException e) {
            if (cancelled) {
                return null;
            }
            throw brokenOff();
        }
        if (cancelled) {
            return null;
        }
        if (!done && finishReason == null) {
            throw brokenOff();
        }
        return new ChatResponse(content.toString(), finishReason, usage, model,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void deliver(String delta) {
        try {
            listener.onDelta(delta);
        } catch (RuntimeException e) {
            // The consumer cannot take more (its client went away): stop reading and say why.
            cancelled = true;
            result.completeExceptionally(e);
        }
    }

    private static ProviderException brokenOff() {
        return ProviderException.of(Code.PROVIDER_ERROR,
                "The connection to the model server broke off before the answer was complete");
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing or cancelled: nothing more to report
            }
        }
    }
}
