package io.parley.server.channel;

import org.assertj.core.api.Assertions;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.HeadlessChromium;
import io.parley.server.testing.HeadlessChromium.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget in headless Chromium against a scripted stand-in of the public API ({@link StubBotApi}):
 * what it renders from each streamed event, what it sends, and how it shows errors.
 */
@DisplayName("The widget in a browser, against a scripted API")
class WidgetStubBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** Runs {@code body} with {@code r}, the widget's shadow root. */
    static final String SHADOW = "document.querySelector('parley-widget').shadowRoot";

    @TempDir
    static Path workDir;
    static HeadlessChromium chromium;
    StubBotApi api;
    Page page;

    @BeforeAll
    static void launch() {
        Assertions.assertThat(HeadlessChromium.executable()).as("Chromium, which the widget tests need: apt-get install -y chromium").isPresent();
        chromium = HeadlessChromium.launch(workDir);
    }

    @AfterAll
    static void quit() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void setUp() {
        api = new StubBotApi();
        api.config = config(Map.of("enabled", false));
        page = chromium.newPage(1280, 860);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    static Map<String, Object> config(Map<String, Object> leadCapture) {
        return Map.of("bot_id", StubBotApi.BOT, "name", "Acme Helper",
                "appearance", Map.of("theme", "light", "primary_color", "#0F766E", "position", "bottom-right",
                        "welcome_message", "Hi! I answer questions about **Acme** products.",
                        "suggested_prompts", List.of("What is the return policy?", "How long is the warranty?")),
                "features", Map.of("enable_citations", true, "enable_feedback", true,
                        "enable_follow_up_suggestions", true),
                "lead_capture", leadCapture, "variables", List.of());
    }

    String js(String body) {
        return "(() => { const r = " + SHADOW + "; " + body + " })()";
    }

    void openWidget() {
        page.navigate(api.base() + "/page.html");
        page.waitFor(js("return r.querySelector('.pw[data-ready]') !== null;"), WAIT);
        page.evaluate(js("r.querySelector('.bubble').click();"));
        page.waitFor(js("return !r.querySelector('.panel').hidden && r.activeElement !== null;"), WAIT);
    }

    @Test
    @DisplayName("streams an answer, renders safe Markdown with citations, and sends feedback")
    void streamsAnswer() {
        CountDownLatch release = new CountDownLatch(1);
        api.release = release;
        api.deltas = List.of("Returns are **free** within 30 days [1].\n\n",
                "<img src=x onerror=\"window.pwned=1\"> Steps:\n- Pack the item\n- Print the `label`\n",
                "1. First\n2. Second\n```\nnpm <b>install</b>\n```\n",
                "[Policy](https://example.com/returns) and [bad](javascript:alert(1)) [2]");
        api.done = Map.of(
                "sources", List.of(
                        Map.of("n", 1, "kb_id", "kb", "document_id", "d1", "document_name", "Returns.pdf",
                                "page", 2, "heading_path", List.of("Policies", "Returns"), "snippet", "free",
                                "score", 0.9),
                        Map.of("n", 2, "kb_id", "kb", "document_id", "d2", "document_name", "FAQ <b>x</b>",
                                "page", "", "heading_path", List.of(), "snippet", "", "score", 0.5)),
                "suggestions", List.of("Do you ship abroad?"),
                "metadata", Map.of("mode", "offline"));
        openWidget();
        assertThat(page.evaluate(js("return r.activeElement.tagName;")).asText()).isEqualTo("TEXTAREA");

        page.type("Can I return a jacket?");
        page.press("Enter");
        page.waitFor(js("const b = r.querySelector('.m.b[aria-busy=true]'); "
                + "return b && b.textContent.includes('Pack the item');"), WAIT);
        assertThat(page.evaluate(js("return r.querySelector('.m.b[aria-busy=true]').textContent;")).asText())
                .as("an intermediate render, before the last delta").doesNotContain("Policy");
        release.countDown();
        page.waitFor(js("return r.querySelector('.m.b[data-done]') !== null;"), WAIT);

        JsonNode answer = page.evaluate(js("""
                const m = r.querySelector('.m.b[data-done]');
                return {
                  text: m.textContent,
                  deltas: +m.getAttribute('data-deltas'),
                  renders: +m.getAttribute('data-renders'),
                  imgs: r.querySelectorAll('img').length,
                  strong: m.querySelector('strong') && m.querySelector('strong').textContent,
                  items: m.querySelectorAll('.md ul li').length,
                  ordered: m.querySelectorAll('.md ol li').length,
                  pre: m.querySelector('pre code') && m.querySelector('pre code').textContent,
                  code: m.querySelector('code') && m.querySelector('code').textContent,
                  links: [...m.querySelectorAll('.md a:not([data-n])')].map(a => [a.textContent, a.href, a.target, a.rel]),
                  cites: [...m.querySelectorAll('sup.c a')].map(a => a.textContent),
                  sources: [...m.querySelectorAll('.srcs li')].map(li => li.textContent),
                  followUps: [...m.querySelectorAll('.chips .chip')].map(c => c.textContent),
                  note: m.querySelector('.note') && m.querySelector('.note').textContent,
                  pwned: window.pwned === 1
                };"""));
        assertThat(answer.path("deltas").asInt()).isEqualTo(4);
        assertThat(answer.path("renders").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.path("imgs").asInt()).as("img elements from model text").isZero();
        assertThat(answer.path("pwned").asBoolean()).isFalse();
        assertThat(answer.path("text").asText()).contains("<img src=x onerror=\"window.pwned=1\">");
        assertThat(answer.path("strong").asText()).isEqualTo("free");
        assertThat(answer.path("items").asInt()).isEqualTo(2);
        assertThat(answer.path("code").asText()).isEqualTo("label");
        assertThat(answer.path("ordered").asInt()).isEqualTo(2);
        assertThat(answer.path("pre").asText()).isEqualTo("npm <b>install</b>");
        assertThat(answer.path("links")).hasSize(1);
        assertThat(answer.path("links").get(0).toString())
                .isEqualTo("[\"Policy\",\"https://example.com/returns\",\"_blank\",\"noopener noreferrer\"]");
        assertThat(answer.path("cites").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(answer.path("sources").toString())
                .isEqualTo("[\"1. Returns.pdf, p. 2 — Policies › Returns\",\"2. FAQ <b>x</b>\"]");
        assertThat(answer.path("followUps").toString()).isEqualTo("[\"Do you ship abroad?\"]");
        assertThat(answer.path("note").asText()).contains("no AI model");

        // A citation marker points at its source.
        page.evaluate(js("r.querySelector('sup.c a[data-n=\"1\"]').click();"));
        assertThat(page.evaluate(js("return r.activeElement.textContent;")).asText()).startsWith("1. Returns.pdf");

        page.evaluate(js("r.querySelector('.fb.up').click();"));
        page.waitFor(js("return r.querySelector('.acts[data-sent=positive]') !== null;"), WAIT);
        assertThat(api.feedback).hasSize(1);
        assertThat(api.feedback.get(0).path("message_id").asText()).isEqualTo("message-1");
        assertThat(api.feedback.get(0).path("rating").asText()).isEqualTo("positive");
        assertThat(api.chats.get(0).path("message").asText()).isEqualTo("Can I return a jacket?");
        assertThat(api.chats.get(0).has("session_id")).isFalse();
        page.screenshot(WidgetScreens.path("stub-desktop"));
        page.viewport(390, 844, true);
        page.screenshot(WidgetScreens.path("stub-mobile"));
        assertThat(page.evaluate(js("return r.querySelector('.panel').getBoundingClientRect().width;")).asInt())
                .as("panel width on a phone").isEqualTo(390);
        // On a phone the panel covers the page: Tab cycles inside it.
        page.evaluate(js("r.querySelector('textarea').focus();"));
        page.press("Tab");
        page.press("Tab");
        assertThat(page.evaluate(js("return r.querySelector('.panel').contains(r.activeElement);")).asBoolean())
                .as("focus stays in the full-screen panel").isTrue();
        page.viewport(1280, 860, false);

        // Follow-up suggestion: a second question continues the same session.
        api.deltas = List.of("We ship to 30 countries.");
        api.done = Map.of();
        page.evaluate(js("r.querySelector('.m.b[data-done] .chip').click();"));
        page.waitFor(js("return r.querySelectorAll('.m.b[data-done]').length === 2;"), WAIT);
        assertThat(api.chats.get(1).path("session_id").asText()).isEqualTo("session-1");

        // A reload shows the conversation so far and keeps the session.
        page.navigate(api.base() + "/page.html");
        page.waitFor(js("return r.querySelector('.pw[data-ready]') !== null;"), WAIT);
        assertThat(page.evaluate(js("return [...r.querySelectorAll('.m.u')].map(m => m.textContent);")).toString())
                .isEqualTo("[\"Can I return a jacket?\",\"Do you ship abroad?\"]");
        assertThat(page.problems()).isEmpty();
    }

    @Test
    @DisplayName("asks for contact details before the chat when the bot wants them first")
    void leadFormBeforeChat() {
        Map<String, Object> config = new java.util.HashMap<>(config(Map.of("enabled", true, "timing", "before_chat",
                "required_fields", List.of("email"), "optional_fields", List.of("name", "company"))));
        config.put("variables", List.of(Map.of("name", "order_number", "type", "text", "required", false)));
        api.config = config;
        openWidget();
        JsonNode form = page.evaluate(js("""
                return { disabled: r.querySelector('textarea').disabled,
                         focused: r.activeElement && r.activeElement.name,
                         labels: [...r.querySelectorAll('.form label span')].map(s => s.textContent) };"""));
        assertThat(form.path("disabled").asBoolean()).isTrue();
        assertThat(form.path("focused").asText()).isEqualTo("email");
        assertThat(form.path("labels").toString()).isEqualTo("[\"Email *\",\"Name (optional)\",\"Company (optional)\",\"Order number (optional)\"]");

        page.evaluate(js("r.querySelector('.form .btn').click();"));
        assertThat(page.evaluate(js("return r.querySelector('.fs').textContent;")).asText())
                .isEqualTo("Please fill in the required fields.");
        assertThat(api.leads).isEmpty();

        page.type("ada@example.com");
        page.evaluate(js("r.querySelector('input[name=company]').value = 'Analytical Engines';"
                + "r.querySelector('input[name=order_number]').value = 'A-42';"
                + "r.querySelector('.form .btn').click();"));
        page.waitFor(js("return r.querySelector('.form') === null && !r.querySelector('textarea').disabled;"), WAIT);
        assertThat(api.leads).hasSize(1);
        assertThat(api.leads.get(0).path("bot_id").asText()).isEqualTo(StubBotApi.BOT);
        assertThat(api.leads.get(0).path("email").asText()).isEqualTo("ada@example.com");
        assertThat(api.leads.get(0).path("custom_fields").path("company").asText()).isEqualTo("Analytical Engines");
        assertThat(api.leads.get(0).has("order_number")).isFalse();
        assertThat(page.evaluate(js("return r.activeElement.tagName;")).asText()).isEqualTo("TEXTAREA");

        // Variables collected before the chat travel with every message.
        page.type("Where is my order?");
        page.press("Enter");
        page.waitFor(js("return r.querySelector('.m.b[data-done]') !== null;"), WAIT);
        assertThat(api.chats.get(0).path("metadata").path("variables").path("order_number").asText()).isEqualTo("A-42");
    }

    @Test
    @DisplayName("says when to try again after too many messages, and closes with Escape")
    void rateLimited() {
        api.chatStatus = 429;
        openWidget();
        page.evaluate(js("r.querySelector('.chip').click();"));
        page.waitFor(js("return r.querySelector('.m.e') !== null;"), WAIT);
        assertThat(page.evaluate(js("return r.querySelector('.m.e').textContent;")).asText())
                .isEqualTo("Too many messages, try again in 17 s");

        page.evaluate(js("r.querySelector('textarea').focus();"));
        page.press("Escape");
        JsonNode closed = page.evaluate(js("return { hidden: r.querySelector('.panel').hidden, "
                + "focus: r.activeElement && r.activeElement.className, "
                + "expanded: r.querySelector('.bubble').getAttribute('aria-expanded') };"));
        assertThat(closed.path("hidden").asBoolean()).isTrue();
        assertThat(closed.path("focus").asText()).isEqualTo("bubble");
        assertThat(closed.path("expanded").asText()).isEqualTo("false");

        page.evaluate("window.ParleyWidget.open()");
        assertThat(page.evaluate(js("return r.querySelector('.panel').hidden;")).asBoolean()).isFalse();
        page.evaluate("window.ParleyWidget.close()");
        assertThat(page.evaluate(js("return r.querySelector('.panel').hidden;")).asBoolean()).isTrue();
    }

    @Test
    @DisplayName("previews a draft for the studio: open at once, filling the page, through the draft routes")
    void studioPreview() {
        api.config = Map.of("bot_id", StubBotApi.DRAFT, "name", "Draft bot", "preview", true,
                "appearance", Map.of("theme", "dark", "primary_color", "#F59E0B", "welcome_message", "Preview me",
                        "suggested_prompts", List.of("Hello?"), "avatar_url", api.base() + "/avatar.png"),
                "features", Map.of("enable_citations", true, "enable_feedback", true), "lead_capture", Map.of());
        api.deltas = List.of("Hello from the ", "draft.");
        page.navigate(api.base() + "/preview.html");
        page.waitFor(js("return r.querySelector('.pw[data-ready]') !== null;"), WAIT);
        JsonNode shown = page.evaluate(js("""
                const p = r.querySelector('.panel').getBoundingClientRect();
                return { bubble: r.querySelector('.bubble') !== null, close: r.querySelector('[aria-label="Close chat"]') !== null,
                         hidden: r.querySelector('.panel').hidden, width: p.width, height: p.height,
                         dark: r.querySelector('.pw').classList.contains('dark'),
                         avatar: r.querySelector('header img') && r.querySelector('header img').getAttribute('src'),
                         text: r.querySelector('header').textContent };"""));
        assertThat(shown.path("bubble").asBoolean()).isFalse();
        assertThat(shown.path("close").asBoolean()).isFalse();
        assertThat(shown.path("hidden").asBoolean()).isFalse();
        assertThat(shown.path("width").asInt()).isEqualTo(1280);
        assertThat(shown.path("height").asInt()).isEqualTo(860);
        assertThat(shown.path("dark").asBoolean()).isTrue();
        assertThat(shown.path("avatar").asText()).isEqualTo(api.base() + "/avatar.png");
        assertThat(shown.path("text").asText()).contains("Draft bot").contains("Preview");

        page.evaluate(js("r.querySelector('.chip').click();"));
        page.waitFor(js("return r.querySelector('.m.b[data-done]') !== null;"), WAIT);
        assertThat(page.evaluate(js("return r.querySelector('.m.b[data-done] .md').textContent;")).asText())
                .isEqualTo("Hello from the draft.");
        assertThat(page.evaluate(js("return r.querySelectorAll('.fb').length;")).asInt())
                .as("no feedback buttons in a preview: there is no draft feedback route").isZero();
        assertThat(api.chats).hasSize(1);
        page.waitFor(js("const i = r.querySelector('header img'); return i && i.complete && i.naturalWidth > 0;"),
                WAIT);
        page.screenshot(WidgetScreens.path("stub-preview-dark"));
    }
}
