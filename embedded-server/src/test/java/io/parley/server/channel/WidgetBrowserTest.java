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
        site = hostPage(Map.of("/", embedCode,
                "/limited", limited.path("channels").path("website").path("embed_code").asText()));
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
