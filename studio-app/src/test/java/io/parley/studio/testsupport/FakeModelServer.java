package io.parley.studio.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A model server on loopback that speaks the OpenAI chat-completions protocol (not streaming):
 * what it answers is decided by the test from the last user message.
 */
public final class FakeModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    private FakeModelServer(HttpServer server) {
        this.server = server;
    }

    public static FakeModelServer answering(Function<String, String> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                String last = "";
                for (JsonNode m : request.path("messages")) {
                    if ("user".equals(m.path("role").asText())) {
                        last = m.path("content").asText();
                    }
                }
                String body = JSON.writeValueAsString(java.util.Map.of("id", "cmpl-1", "object", "chat.completion",
                        "model", "fake-model", "choices", java.util.List.of(java.util.Map.of("index", 0,
                                "message", java.util.Map.of("role", "assistant", "content", answer.apply(last)),
                                "finish_reason", "stop")),
                        "usage", java.util.Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15)));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        return new FakeModelServer(server);
    }

    /** The base URL a provider setting takes: {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
