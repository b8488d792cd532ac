package io.parley.server.kb.parse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A small website on loopback: pages by path, every request recorded, one page that never answers. */
final class TestSite implements AutoCloseable {

    private record Page(int status, String type, byte[] body, String location) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final String host;

    /** @param host the name links and the base URL use: "127.0.0.1" or "localhost" make two different sites */
    TestSite(String host) throws IOException {
        this.host = host;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    TestSite html(String path, String body) {
        pages.put(path, new Page(200, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    TestSite content(String path, String type, byte[] body) {
        pages.put(path, new Page(200, type, body, null));
        return this;
    }

    TestSite redirect(String path, String location) {
        pages.put(path, new Page(302, "text/plain", new byte[0], location));
        return this;
    }

    /** A page whose answer never comes (until the site closes): it must hit the crawler's timeout. */
    TestSite hanging(String path) {
        pages.put(path, new Page(-1, null, null, null));
        return this;
    }

    List<String> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(path);
        Page page = pages.get(path);
        try (exchange) {
            if (page == null) {
                send(exchange, 404, "text/html", "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8));
            } else if (page.status() == -1) {
                release.await();
            } else {
                if (page.location() != null) {
                    exchange.getResponseHeaders().add("Location", page.location());
                }
                send(exchange, page.status(), page.type(), page.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
