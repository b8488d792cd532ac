package io.parley.server.channel;

import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /widget.js")
class WidgetRoutesTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("serves the script to anyone as JavaScript with a short cache lifetime and an ETag")
    void servesThePlainScript() {
        HttpResponse<byte[]> r = get("/widget.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/javascript; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).startsWith("\""));
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.body()).isEqualTo(WidgetRoutes.readResource());
    }

    @Test
    @DisplayName("gzips when the client accepts it")
    void gzipped() throws IOException {
        HttpResponse<byte[]> r = get("/widget.js", "Accept-Encoding", "gzip, deflate, br");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(r.body().length).isLessThanOrEqualTo(WidgetScriptTest.MAX_GZIPPED_BYTES);
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("ParleyWidget");
        }
    }

    @Test
    @DisplayName("serves the studio's preview page, never cached")
    void previewPage() {
        HttpResponse<byte[]> r = get("/widget-preview.html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("script.dataset.previewDraft");
    }

    @Test
    @DisplayName("answers 304 to a matching If-None-Match")
    void notModified() {
        String etag = get("/widget.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> r = get("/widget.js", "If-None-Match", etag);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    @DisplayName("lets the widget on another origin call the public bot API and read its errors, not the admin API")
    void corsOnPublicPathsOnly() {
        HttpRequest preflight = HttpRequest.newBuilder(server.uri("/api/v1/bots/abc/chat"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build();
        HttpResponse<String> r = send(preflight);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Authorization").contains("Content-Type");

        // An error keeps its CORS headers, or the browser shows the widget a network failure instead.
        HttpResponse<byte[]> refused = get("/api/v1/bots/abc/config", "Origin", "http://shop.example.com",
                "Authorization", "Bearer wk_nope");
        assertThat(refused.statusCode()).isBetween(400, 499);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Retry-After");

        HttpResponse<byte[]> admin = get("/api/v1/auth/me", "Origin", "http://shop.example.com");
        assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
