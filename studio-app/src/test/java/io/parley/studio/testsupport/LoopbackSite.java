package io.parley.studio.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A small web site on loopback: a home page linking to an opening-hours page. */
public final class LoopbackSite implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of(
            "/", "<html><head><title>Corner Café</title></head><body><nav><a href=\"/\">Home</a></nav>"
                    + "<main><h1>Corner Café</h1><p>Fresh pastries every morning.</p>"
                    + "<a href=\"/hours.html\">Opening hours</a></main></body></html>",
            "/hours.html", "<html><head><title>Opening hours</title></head><body><main><h1>Opening hours</h1>"
                    + "<p>The café opens at seven and closes at six, Sundays included.</p></main></body></html>",
            "/robots.txt", "User-agent: *\nAllow: /\n");

    private final HttpServer server;

    private LoopbackSite(HttpServer server) {
        this.server = server;
    }

    public static LoopbackSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String page = PAGES.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            boolean text = exchange.getRequestURI().getPath().endsWith(".txt");
            exchange.getResponseHeaders().set("Content-Type", (text ? "text/plain" : "text/html") + "; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new LoopbackSite(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
