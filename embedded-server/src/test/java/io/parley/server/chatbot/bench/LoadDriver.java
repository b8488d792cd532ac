package io.parley.server.chatbot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator on loopback: {@code clients} virtual threads, each sending one
 * request, waiting for the whole answer, then sending the next, until the pass's time is up or it
 * has sent its share of the request cap. One {@link HttpClient} (HTTP/1.1, kept-alive connections)
 * serves every target, so both sides of a comparison meet the same client.
 */
public final class LoadDriver implements AutoCloseable {

    /**
     * What client {@code c} sends as its {@code i}-th request of a pass; {@code previous} is the
     * body of its last answer (null at first or after a failure), to carry on a conversation.
     */
    @FunctionalInterface
    public interface Requests {
        HttpRequest next(int client, int i, byte[] previous);
    }

    /** One pass: answered requests with their latencies (ns), failures, and the time it took. */
    public record Pass(long[] latencies, long failures, long wallNanos, String firstFailure) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int clients;

    public LoadDriver(int clients) {
        this.clients = clients;
    }

    public static HttpRequest.Builder post(URI uri, String bearer, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return bearer == null ? b : b.header("Authorization", "Bearer " + bearer);
    }

    /** Sends one request and answers its body; fails unless it is a 200. */
    public String once(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Runs one pass of at most {@code duration} and {@code maxRequests} requests in all. */
    public Pass run(Requests requests, Duration duration, int maxRequests) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        int perClient = Math.max(1, maxRequests / clients);
        AtomicLong failures = new AtomicLong();
        String[] firstFailure = new String[1];
        List<Future<long[]>> done = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(threads.submit(() -> loop(client, requests, deadline, perClient, failures, firstFailure)));
            }
        } // waits for every client
        long wall = System.nanoTime() - start;
        long[] all = done.stream().map(LoadDriver::get).flatMapToLong(Arrays::stream).toArray();
        return new Pass(all, failures.get(), wall, firstFailure[0]);
    }

    private long[] loop(int client, Requests requests, long deadline, int cap, AtomicLong failures, String[] first) {
        long[] latencies = new long[Math.min(cap, 1 << 16)];
        int n = 0;
        byte[] previous = null;
        for (int i = 0; i < cap && System.nanoTime() < deadline; i++) {
            HttpRequest request = requests.next(client, i, previous);
            previous = null;
            long t0 = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long t = System.nanoTime() - t0;
                if (r.statusCode() == 200) {
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = t;
                    previous = r.body();
                    continue;
                }
                fail(failures, first, "HTTP " + r.statusCode() + ": " + new String(r.body()));
            } catch (IOException e) {
                fail(failures, first, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    private static void fail(AtomicLong failures, String[] first, String what) {
        if (failures.getAndIncrement() == 0) {
            first[0] = what.length() > 300 ? what.substring(0, 300) + "…" : what;
        }
    }

    private static long[] get(Future<long[]> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException("a load client failed", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
