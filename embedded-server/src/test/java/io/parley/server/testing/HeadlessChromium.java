package io.parley.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK's
 * WebSocket client: no driver binary, no extra dependency. Enough for page tests: open a page,
 * evaluate JavaScript (promises awaited), type and press keys, resize the viewport, take
 * screenshots, and collect console errors.
 *
 * <pre>{@code
 * try (HeadlessChromium chromium = HeadlessChromium.launch(tempDir)) {
 *     HeadlessChromium.Page page = chromium.newPage(1280, 800);
 *     page.navigate("http://127.0.0.1:8080/");
 *     String title = page.evaluate("document.title").asText();
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> sessions = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The browser executable, if one is installed. */
    public static Optional<Path> executable() {
        String configured = System.getenv("PARLEY_CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts a fresh browser whose profile lives in {@code workDir}; fails if none is installed. */
    public static HeadlessChromium launch(Path workDir) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "Chromium is not installed: apt-get install -y chromium"));
        try {
            Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
            Process process = new ProcessBuilder(exe.toString(), "--headless", "--remote-debugging-port=0",
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                    "--mute-audio", "--user-data-dir=" + profile, "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("chromium.log").toFile())
                    .start();
            Path portFile = profile.resolve("DevToolsActivePort");
            try {
                Await.until("Chromium's DevTools port (see " + workDir.resolve("chromium.log") + ")",
                        Duration.ofSeconds(30), () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("Chromium exited with " + process.exitValue());
                            }
                            return Files.exists(portFile) && readLines(portFile).size() >= 2;
                        });
                List<String> lines = readLines(portFile);
                URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                Listener listener = new Listener();
                WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(endpoint, listener)
                        .get(10, TimeUnit.SECONDS);
                HeadlessChromium browser = new HeadlessChromium(process, socket);
                listener.browser = browser;
                return browser;
            } catch (RuntimeException | Error | InterruptedException | ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("could not start Chromium: " + e, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new tab with the given viewport, attached over the same connection. */
    public Page newPage(int width, int height) {
        String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String sessionId = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asText();
        Page page = new Page(sessionId);
        sessions.put(sessionId, page::onEvent);
        page.send("Runtime.enable", Map.of());
        page.send("Page.enable", Map.of());
        page.viewport(width, height, false);
        return page;
    }

    @Override
    public void close() {
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", ids.incrementAndGet(), "method", "Browser.close")),
                    true);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private JsonNode call(String sessionId, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
            JsonNode response = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else if (message.has("sessionId")) {
            Consumer<JsonNode> page = sessions.get(message.get("sessionId").asText());
            if (page != null) {
                page.accept(message);
            }
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** One tab. */
    public final class Page {
        private final String sessionId;
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        private Page(String sessionId) {
            this.sessionId = sessionId;
        }

        public JsonNode send(String method, Map<String, ?> params) {
            return call(sessionId, method, params);
        }

        /** Loads {@code url} and waits until the document has loaded. */
        public void navigate(String url) {
            JsonNode result = send("Page.navigate", Map.of("url", url));
            if (result.hasNonNull("errorText")) {
                throw new IllegalStateException("could not open " + url + ": " + result.get("errorText"));
            }
            waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(20));
        }

        /** Evaluates an expression in the page (a promise is awaited) and returns its value as JSON. */
        public JsonNode evaluate(String expression) {
            JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                    "awaitPromise", true, "userGesture", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("script failed: " + result.get("exceptionDetails").toPrettyString()
                        + "\n" + expression);
            }
            return result.path("result").path("value");
        }

        /** Polls {@code condition} (a JavaScript expression) until it is truthy. */
        public void waitFor(String condition, Duration timeout) {
            Await.until(condition + (problems.isEmpty() ? "" : " (page problems: " + problems + ")"), timeout,
                    () -> evaluate("!!(" + condition + ")").asBoolean());
        }

        /** Types as a user would, into whatever has the focus. */
        public void type(String text) {
            send("Input.insertText", Map.of("text", text));
        }

        /** Presses and releases a key such as Enter, Escape or Tab. */
        public void press(String key) {
            int code = switch (key) {
                case "Enter" -> 13;
                case "Escape" -> 27;
                case "Tab" -> 9;
                default -> throw new IllegalArgumentException("unsupported key " + key);
            };
            Map<String, Object> down = new java.util.HashMap<>(Map.of("type", "keyDown", "key", key, "code", key,
                    "windowsVirtualKeyCode", code, "nativeVirtualKeyCode", code));
            if (key.equals("Enter")) {
                down.put("text", "\r");
            }
            send("Input.dispatchKeyEvent", down);
            send("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", key,
                    "windowsVirtualKeyCode", code, "nativeVirtualKeyCode", code));
        }

        public void viewport(int width, int height, boolean mobile) {
            send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", mobile));
        }

        /** Saves a PNG of the viewport. */
        public Path screenshot(Path file) {
            String data = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, Base64.getDecoder().decode(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        /** Uncaught exceptions and console errors seen so far. */
        public List<String> problems() {
            return List.copyOf(problems);
        }

        private void onEvent(JsonNode event) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                problems.add("exception: " + params.path("exceptionDetails").path("exception")
                        .path("description").asText(params.path("exceptionDetails").path("text").asText()));
            } else if (method.equals("Runtime.consoleAPICalled") && params.path("type").asText().equals("error")) {
                problems.add("console.error: " + params.path("args").toString());
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (browser != null) {
                    browser.onMessage(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
