package io.parley.server.kb.parse;

import io.parley.server.common.CappedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET with the crawler's limits: a deadline covering the whole exchange (a server that
 * trickles bytes is cut off too), a byte limit enforced while reading, and bodies of unwanted
 * types or statuses never downloaded. Redirects are not followed here: the crawler checks each
 * hop against robots.txt, the site and the pages it has seen.
 */
final class PageFetcher {

    /** A response worth looking at: a redirect (with its location) or a body of an accepted type. */
    record Response(int status, String location, String mediaType, String charset, byte[] body) {
        boolean isRedirect() {
            return status / 100 == 3;
        }
    }

    /** A URL that gave nothing usable; {@code status} 0 when no HTTP answer came. */
    static final class FetchFailure extends Exception {
        final int status;

        FetchFailure(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private final HttpClient client;
    private final CrawlLimits limits;

    PageFetcher(CrawlLimits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder().connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void close() {
        client.close();
    }

    /** @param anyType accept any content type (robots.txt is often served as something odd) */
    Response get(URI uri, boolean anyType) throws FetchFailure {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.pageTimeout())
                .header("User-Agent", CrawlLimits.USER_AGENT)
                .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1").GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            String type = info.headers().firstValue("Content-Type").orElse("");
            boolean wanted = info.statusCode() == 200 && (anyType || acceptable(mediaType(type)));
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return wanted ? CappedBody.of(limits.maxPageBytes(), declared) : CappedBody.discard();
        });
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(limits.pageTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FetchFailure(0, "timed out after " + seconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchFailure(0, "the crawl was interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        return response(uri, response, anyType);
    }

    private Response response(URI uri, HttpResponse<byte[]> response, boolean anyType) throws FetchFailure {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status / 100 == 3) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                throw new FetchFailure(status, "redirect without a Location header");
            }
            return new Response(status, location, null, null, null);
        }
        if (status != 200) {
            throw new FetchFailure(status, "the server answered HTTP " + status + reasonPhrase(status));
        }
        if (!anyType && !acceptable(mediaType(type))) {
            throw new FetchFailure(status, "not an HTML or text page (" + (type.isBlank() ? "no type" : type) + ")");
        }
        if (response.body() == null) {
            throw new FetchFailure(status, "larger than the limit of " + Sizes.human(limits.maxPageBytes()));
        }
        return new Response(status, null, mediaType(type), charset(type), response.body());
    }

    private FetchFailure failure(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchFailure(0, "timed out after " + seconds() + " s");
        }
        if (cause instanceof ConnectException) {
            return new FetchFailure(0, "could not connect to the server");
        }
        if (cause instanceof UnknownHostException) {
            return new FetchFailure(0, "unknown host");
        }
        if (cause instanceof IOException) {
            return new FetchFailure(0, "the connection failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        return new FetchFailure(0, "the request failed");
    }

    private long seconds() {
        return Math.max(1, Math.round(limits.pageTimeout().toMillis() / 1000.0));
    }

    static boolean acceptable(String mediaType) {
        return mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")
                || mediaType.equals("text/plain");
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of a Content-Type, or null (jsoup then reads the page's own meta tag). */
    static String charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String value = pair[1].strip().replace("\"", "");
                return java.nio.charset.Charset.isSupported(value) ? value : null;
            }
        }
        return null;
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 401 -> " (login required)";
            case 403 -> " (forbidden)";
            case 404 -> " (not found)";
            case 410 -> " (gone)";
            case 429 -> " (too many requests)";
            case 500 -> " (server error)";
            case 502, 503, 504 -> " (server unavailable)";
            default -> "";
        };
    }
}
