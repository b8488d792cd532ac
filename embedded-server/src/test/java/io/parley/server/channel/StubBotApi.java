package io.parley.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The public bot API of docs/api/chatbots.md played by a loopback server, answering exactly what a
 * test scripts, plus the widget and a host page. It tests the widget alone: what it renders from
 * each event, what it sends, how it shows errors. The real server is exercised by WidgetBrowserTest.
 */
final class StubBotApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOT = "bot-1";
    static final String DRAFT = "draft-1";
    static final String TOKEN = "studio-token";

    private final HttpServer server;
    final List<JsonNode> chats = new CopyOnWriteArrayList<>();
    final List<JsonNode> feedback = new CopyOnWriteArrayList<>();
    final List<JsonNode> leads = new CopyOnWriteArrayList<>();
    volatile Object config = Map.of();
    /** The answer's text in pieces: one delta each; the stream pauses before the last piece until released. */
    volatile List<String> deltas = List.of("Hello");
    volatile Map<String, Object> done = Map.of();
    volatile int chatStatus = 200;
    volatile CountDownLatch release = new CountDownLatch(0);

    StubBotApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A host page whose own CSS tries hard to break anything it can reach. */
    static String hostilePage(String embedCode) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Host page</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                  * { all: unset; font-size: 40px !important; color: #0a0 !important; font-family: serif !important; }
                  div { display: none !important; }
                  button, textarea, input, img { display: none !important; }
                  body { display: block; background: repeating-linear-gradient(45deg, #fee, #fee 20px, #eef 20px, #eef 40px); }
                  p { display: block; margin: 20px; }
                  head, style, title, script { display: none !important; }
                  parley-widget { display: none !important; position: absolute !important; font-size: 80px !important; }
                </style></head>
                <body><p>Welcome to our shop. This page's CSS is hostile on purpose.</p>
                """ + embedCode + "\n</body></html>";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/widget.js")) {
                send(ex, 200, "application/javascript; charset=utf-8", WidgetRoutes.readResource());
            } else if (path.equals("/avatar.png")) {
                send(ex, 200, "image/png", avatarPng());
            } else if (path.equals("/page.html")) {
                String embed = "<script src=\"" + base() + "/widget.js\" data-bot-id=\"" + BOT
                        + "\" data-key=\"wk_test\" async></script>";
                send(ex, 200, "text/html; charset=utf-8", hostilePage(embed).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/preview.html")) {
                String embed = "<script src=\"" + base() + "/widget.js\" data-preview-draft=\"" + DRAFT
                        + "\" data-token=\"" + TOKEN + "\" data-open=\"true\" data-embedded=\"true\"></script>";
                send(ex, 200, "text/html; charset=utf-8", hostilePage(embed).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/v1/chatbots/draft/" + DRAFT + "/widget-config") && method.equals("GET")
                    && authorized(ex)) {
                json(ex, 200, config);
            } else if (path.equals("/api/v1/chatbots/draft/" + DRAFT + "/preview") && method.equals("POST")
                    && authorized(ex)) {
                chats.add(JSON.readTree(body));
                chat(ex);
            } else if (path.equals("/api/v1/bots/" + BOT + "/config") && method.equals("GET")) {
                json(ex, 200, config);
            } else if (path.equals("/api/v1/bots/" + BOT + "/chat") && method.equals("POST")) {
                chats.add(JSON.readTree(body));
                chat(ex);
            } else if (path.equals("/api/v1/bots/" + BOT + "/feedback") && method.equals("POST")) {
                feedback.add(JSON.readTree(body));
                json(ex, 200, Map.of("status", "ok"));
            } else if (path.equals("/api/v1/leads/capture") && method.equals("POST")) {
                leads.add(JSON.readTree(body));
                json(ex, 201, Map.of("lead_id", "lead-" + leads.size(), "status", "captured"));
            } else {
                json(ex, 404, Map.of("error", Map.of("code", "not_found", "message", "No such endpoint")));
            }
        }
    }

    private static boolean authorized(HttpExchange ex) {
        return ("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private void chat(HttpExchange ex) throws IOException {
        if (chatStatus == 429) {
            ex.getResponseHeaders().add("Retry-After", "17");
            json(ex, 429, Map.of("error", Map.of("code", "rate_limited", "message", "Rate limit reached")));
            return;
        }
        if (chatStatus != 200) {
            json(ex, chatStatus, Map.of("error", Map.of("code", "forbidden", "message", "Origin not allowed")));
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int n = chats.size();
        event(out, "start", Map.of("session_id", "session-1", "message_id", "message-" + n));
        List<String> pieces = deltas;
        for (int i = 0; i < pieces.size(); i++) {
            if (i == pieces.size() - 1) {
                await(release);
            }
            event(out, "delta", Map.of("text", pieces.get(i)));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>(done);
        body.putIfAbsent("response", String.join("", pieces));
        body.putIfAbsent("session_id", "session-1");
        body.putIfAbsent("message_id", "message-" + n);
        event(out, "done", body);
    }

    private static byte[] avatarPng() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(48, 48,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0xF5, 0x9E, 0x0B));
        g.fillRect(0, 0, 48, 48);
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(12, 12, 24, 24);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(OutputStream out, String name, Object data) throws IOException {
        out.write(("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
