package io.parley.server.chatbot.bench;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the benchmarks share: the bare Helidon baseline, arguments, JSON quoting, clean-up. */
public final class BenchSupport {

    private BenchSupport() {
    }

    /** One route, one fixed answer: what Helidon alone costs per request. */
    public static WebServer bareServer(byte[] json) {
        return WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(HttpRouting.builder().post("/chat", (req, res) -> {
                    req.content().as(String.class);
                    res.header(HeaderValues.CONTENT_TYPE_JSON).send(json);
                }))
                .build().start();
    }

    public static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) { // children first
                Files.deleteIfExists(p);
            }
        }
    }

    public static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
