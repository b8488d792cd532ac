package io.parley.server.channel;

import org.assertj.core.api.Assertions;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.parley.server.testing.HeadlessChromium;
import io.parley.server.testing.HeadlessChromium.Page;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a knowledge base and a chatbot made and deployed through the API, the embed code
 * from the deploy answer pasted into a host page with hostile CSS on another origin, and a real
 * Chromium chatting through the widget. What the visitor did is then read back from the admin API.
 */
@DisplayName("The widget on a hostile host page, end to end")
class WidgetBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SHADOW = "document.querySelector('parley-widget').shadowRoot";
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final String HANDBOOK = """
            Acme warranty. Every Acme kettle comes with a two-year warranty covering the heating element \
            and the thermostat. To claim the warranty, send the receipt to support@acme.example. %s

            Acme returns. Unused items can be returned within 30 days of delivery for a full refund. \
            Return shipping is free for members of the Acme club.
            """.formatted(HOSTILE);

    @TempDir
    static Path workDir;
    static TestServer server;
    static HeadlessChromium chromium;
    static HttpServer site;
    static String token;
    static String botId;
    static String kbId;

    @BeforeAll
    static void setUp() {
        Assertions.assertThat(HeadlessChromium.executable()).as("Chromium, which the widget tests need: apt-get install -y chromium").isPresent();
        server = TestServer.embedded(workDir.resolve("data"));
        token = server.localToken();
        kbId = BotFixtures.knowledgeBase(server, token, "Acme handbook", HANDBOOK);
        JsonNode deployed = BotFixtures.deployChatbot(server, token, kbId, List.of("127.0.0.1"));
        botId = deployed.path("chatbot_id").asText();
        String embedCode = deployed.path("channels").path("website").path("embed_code").asText();
        assertThat(embedCode).contains("data-bot-id=\"" + botId + "\"").contains("data-key=\"wk_");
        JsonNode limited = BotFixtures.deployChatbot(server, token, kbId, List.of("127.0.0.1"),
                Map.of("rate_limiting", Map.of("enabled", true, "max_messages_per_hour", 1)));
        JsonNode flow = deployChoiceFlow();
        site = hostPage(Map.of("/", embedCode,
                "/limited", limited.path("channels").path("website").path("embed_code").asText(),
                "/flow", flow.path("channels").path("website").path("embed_code").asText()));
        chromium = HeadlessChromium.launch(workDir);
    }

    @AfterAll
    static void tearDown() {
        if (chromium != null) {
            chromium.close();
        }
        if (site != null) {
            site.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    static String js(String body) {
        return "(() => { const r = " + SHADOW + "; " + body + " })()";
    }

    static Page open(String pageUrl, int width, int height) {
        Page page = chromium.newPage(width, height);
        page.navigate(pageUrl);
        page.waitFor(js("return r.querySelector('.pw[data-ready]') !== null;"), WAIT);
        page.evaluate(js("r.querySelector('.bubble').click();"));
        page.waitFor(js("return !r.querySelector('.panel').hidden;"), WAIT);
        return page;
    }

    @Test
    @DisplayName("a visitor asks, reads a cited answer, rates it and leaves their email; the server keeps it all")
    void visitorChats() {
        Page page = open(siteUrl("127.0.0.1"), 1280, 860);
        assertThat(page.evaluate(js("return r.querySelector('.tn').textContent;")).asText()).isEqualTo("Acme Helper");

        page.evaluate(js("[...r.querySelectorAll('.chip')].find(c => c.textContent.includes('warranty')).click();"));
        page.waitFor(js("return r.querySelector('.m.b[data-done]') !== null;"), WAIT);
        JsonNode answer = page.evaluate(js("""
                const m = r.querySelector('.m.b[data-done]');
                return { text: m.querySelector('.md').textContent, deltas: +m.getAttribute('data-deltas'),
                         imgs: r.querySelectorAll('img').length,
                         cites: m.querySelectorAll('sup.c a').length,
                         sources: [...m.querySelectorAll('.srcs li')].map(li => li.textContent) };"""));
        assertThat(answer.path("text").asText()).containsIgnoringCase("two-year warranty");
        assertThat(answer.path("deltas").asInt()).as("streamed delta events").isGreaterThanOrEqualTo(2);
        assertThat(answer.path("imgs").asInt()).as("img elements in the widget").isZero();
        assertThat(answer.path("cites").asInt()).as("citation links").isPositive();
        assertThat(answer.path("sources").toString()).contains("Acme handbook");

        page.evaluate(js("r.querySelector('.m.b[data-done] .fb.up').click();"));
        page.waitFor(js("return r.querySelector('.acts[data-sent=positive]') !== null;"), WAIT);

        // lead_capture.timing is after_first_message: the form follows the first answer.
        page.waitFor(js("return r.querySelector('form.form input[name=email]') !== null;"), WAIT);
        assertThat(page.evaluate(js("return r.activeElement && r.activeElement.tagName;")).asText())
                .as("the form after an answer leaves the focus where it was").isNotEqualTo("INPUT");
        page.screenshot(WidgetScreens.path("desktop"));
        page.evaluate(js("r.querySelector('form.form input[name=email]').focus();"));
        page.type("grace@example.com");
        page.evaluate(js("r.querySelector('form.form input[name=name]').focus();"));
        page.type("Grace Hopper");
        page.evaluate(js("r.querySelector('form.form .btn').click();"));
        page.waitFor(js("return r.querySelector('form.form') === null && r.querySelector('.m.i') !== null;"), WAIT);
        assertThat(page.problems()).isEmpty();

        page.viewport(390, 844, true);
        page.screenshot(WidgetScreens.path("mobile"));

        String sessionId = page.evaluate("JSON.parse(localStorage.getItem('parley:" + botId + "')).session_id")
                .asText();
        assertThat(sessionId).isNotBlank();
        BotFixtures.assertVisitorRecorded(server, token, botId, sessionId, "grace@example.com");
    }

    @Test
    @DisplayName("a page on a domain the bot does not allow shows a clear message")
    void originNotAllowed() {
        Page page = open(siteUrl("localhost"), 1024, 768);
        page.waitFor(js("return r.querySelector('.m.e') !== null;"), WAIT);
        assertThat(page.evaluate(js("return r.querySelector('.m.e').textContent;")).asText())
                .contains("not available on this website");
        assertThat(page.evaluate(js("return r.querySelector('textarea').disabled;")).asBoolean()).isTrue();
        page.screenshot(WidgetScreens.path("not-allowed"));
    }

    @Test
    @DisplayName("the studio previews a draft on the preview page, the token kept out of the address bar")
    void studioPreview() {
        String draftId = BotFixtures.chatbotDraft(server, token, kbId, List.of());
        Page page = chromium.newPage(420, 720);
        page.navigate(server.uri("/widget-preview.html") + "#draft=" + draftId + "&token=" + token);
        page.waitFor(js("return r.querySelector('.pw[data-ready]') !== null;"), WAIT);
        assertThat(page.evaluate("location.href").asText()).doesNotContain(token).doesNotContain("#");
        assertThat(page.evaluate(js("return r.querySelector('header').textContent;")).asText())
                .contains("Acme Helper").contains("Preview");
        assertThat(page.evaluate(js("return r.querySelector('.bubble') === null && !r.querySelector('.panel').hidden;"))
                .asBoolean()).as("open at once, without a bubble").isTrue();

        page.type("Can I return a kettle?");
        page.press("Enter");
        page.waitFor(js("return r.querySelector('.m.b[data-done]') !== null;"), WAIT);
        assertThat(page.evaluate(js("return r.querySelector('.m.b[data-done] .md').textContent;")).asText())
                .containsIgnoringCase("return");
        assertThat(page.problems()).isEmpty();
        page.screenshot(WidgetScreens.path("studio-preview"));
    }

    @Test
    @DisplayName("a visitor over the bot's hourly limit is told when to try again")
    void rateLimited() {
        Page page = open(siteUrl("127.0.0.1") + "limited", 1024, 768);
        page.type("How long is the warranty?");
        page.press("Enter");
        page.waitFor(js("return r.querySelector('.m.b[data-done]') !== null;"), WAIT);
        page.type("And the returns?");
        page.press("Enter");
        page.waitFor(js("return r.querySelector('.m.e') !== null;"), WAIT);
        assertThat(page.evaluate(js("return r.querySelector('.m.e').textContent;")).asText())
                .matches("Too many messages, try again in \\d+ (s|min)");
        page.screenshot(WidgetScreens.path("rate-limited"));
    }

    @Test
    @DisplayName("a chatflow's choices become buttons; pressing one sends its value and the flow moves on")
    void chatflowChoices() {
        Page page = open(siteUrl("127.0.0.1") + "flow", 1024, 768);
        page.type("hi");
        page.press("Enter");
        page.waitFor(js("return r.querySelectorAll('.chips .chip').length === 2;"), WAIT);
        JsonNode asked = page.evaluate(js("""
                return { text: r.querySelector('.m.b[data-done] .md').textContent,
                         chips: [...r.querySelectorAll('.chips .chip')].map(c => c.textContent) };"""));
        assertThat(asked.path("text").asText()).contains("Welcome to Acme!").contains("What can I help you with?");
        assertThat(asked.path("chips").toString()).contains("Track an order").contains("Return an item");
        page.evaluate(js("[...r.querySelectorAll('.chip')].find(c => c.textContent === 'Return an item').click();"));
        page.waitFor(js("return r.querySelectorAll('.m.b[data-done]').length === 2;"), WAIT);
        JsonNode answered = page.evaluate(js("""
                const rows = r.querySelectorAll('.m.b[data-done]');
                return { text: rows[1].querySelector('.md').textContent,
                         sent: [...r.querySelectorAll('.m.u')].map(u => u.textContent),
                         chips: r.querySelectorAll('.chips').length };"""));
        assertThat(answered.path("text").asText()).contains("Returns are free within 30 days");
        // the visitor sees the label they pressed; the flow received the choice's value
        assertThat(answered.path("sent").toString()).contains("Return an item");
        assertThat(answered.path("text").asText()).contains("returns it is");
        assertThat(answered.path("chips").asInt()).as("old buttons are gone").isZero();
        assertThat(page.problems()).isEmpty();
        page.screenshot(WidgetScreens.path("chatflow"));
    }

    /** A deployed chatflow: welcome, a choice question, a branch per choice. */
    static JsonNode deployChoiceFlow() {
        Map<String, Object> data = Map.of("name", "Acme Flow",
                "nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "data", Map.of()),
                        Map.of("id", "hello", "type", "message", "data", Map.of("message", "Welcome to Acme!")),
                        Map.of("id", "topic", "type", "question", "data", Map.of("question", "What can I help you with?",
                                "input_type", "choice", "variable", "topic", "choices", List.of(
                                        Map.of("label", "Track an order", "value", "orders"),
                                        Map.of("label", "Return an item", "value", "returns")))),
                        Map.of("id", "which", "type", "condition", "data", Map.of("branches", List.of(
                                Map.of("id", "returns", "when", "vars.topic == 'returns'")))),
                        Map.of("id", "returns", "type", "response", "data",
                                Map.of("message", "Returns are free within 30 days, {{vars.topic}} it is.")),
                        Map.of("id", "orders", "type", "response", "data", Map.of("message", "Orders ship in 2 days."))),
                "edges", List.of(
                        Map.of("id", "e1", "source", "start", "target", "hello"),
                        Map.of("id", "e2", "source", "hello", "target", "topic"),
                        Map.of("id", "e3", "source", "topic", "target", "which"),
                        Map.of("id", "e4", "source", "which", "sourceHandle", "returns", "target", "returns"),
                        Map.of("id", "e5", "source", "which", "sourceHandle", "else", "target", "orders")),
                "appearance", Map.of("welcome_message", "Hi! I can help with orders and returns."),
                "deployment", Map.of("channels", List.of(Map.of("type", "website", "enabled", true,
                        "config", Map.of("allowed_domains", List.of("127.0.0.1"))))));
        String draftId = BotFixtures.ok(server.post("/api/v1/chatflows/draft", token, data), 201).path("draft_id").asText();
        return BotFixtures.ok(server.post("/api/v1/chatflows/draft/" + draftId + "/deploy", token, null), 200);
    }

    static String siteUrl(String host) {
        return "http://" + host + ":" + site.getAddress().getPort() + "/";
    }

    /** Serves the host pages (path → embed code) on loopback: another origin than the API's (another port). */
    static HttpServer hostPage(Map<String, String> embedCodes) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", ex -> {
                try (ex) {
                    String embed = embedCodes.get(ex.getRequestURI().getPath());
                    if (embed == null) {
                        ex.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] html = StubBotApi.hostilePage(embed).getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                    ex.sendResponseHeaders(200, html.length);
                    ex.getResponseBody().write(html);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
