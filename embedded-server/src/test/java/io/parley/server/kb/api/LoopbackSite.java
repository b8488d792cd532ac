package io.parley.server.kb.api;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A tiny website on loopback: a home page linking to two pages, one of them off limits by robots.txt. */
final class LoopbackSite implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of(
            "/robots.txt", "User-agent: *\nDisallow: /private\n",
            "/", """
                    <html><head><title>Kettle Co</title></head><body>
                    <nav><a href="/returns">Returns</a> <a href="/private">Staff</a> <a href="/">Home</a></nav>
                    <h1>Kettle Co</h1><p>We make the quietest kettles in Europe.</p>
                    <footer>Copyright Kettle Co</footer></body></html>""",
            "/returns", """
                    <html><head><title>Returns policy</title></head><body><nav><a href="/">Home</a></nav>
                    <h1>Returns</h1><p>You can return a kettle within 30 days for a full refund.
                    Refunds reach your bank within five working days.</p></body></html>""",
            "/private", """
                    <html><head><title>Staff only</title></head><body><p>Secret staff rota.</p></body></html>""");

    private final HttpServer server;

    LoopbackSite() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = PAGES.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    exchange.getRequestURI().getPath().endsWith(".txt") ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
