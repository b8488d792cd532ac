package io.parley.server.channel;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Guards on the widget's source: small enough for every site, and no way to turn text into markup. */
@DisplayName("The widget script")
class WidgetScriptTest {

    static final int MAX_GZIPPED_BYTES = 15 * 1024;

    private final String source = new String(WidgetRoutes.readResource(), StandardCharsets.UTF_8);

    @Test
    @DisplayName("is at most 15 KB gzipped")
    void smallEnough() {
        int gzipped = WidgetRoutes.gzip(WidgetRoutes.readResource()).length;
        assertThat(gzipped).as("gzipped size of widget.js in bytes").isLessThanOrEqualTo(MAX_GZIPPED_BYTES);
    }

    @Test
    @DisplayName("never parses strings as HTML or code")
    void noHtmlSinks() {
        // Model and knowledge-base text must reach the page only through textContent and text nodes.
        List<Pattern> sinks = List.of(
                Pattern.compile("\\.innerHTML\\b"), Pattern.compile("\\.outerHTML\\b"),
                Pattern.compile("insertAdjacentHTML"), Pattern.compile("document\\.write"),
                Pattern.compile("createContextualFragment"), Pattern.compile("DOMParser"),
                Pattern.compile("\\beval\\s*\\("), Pattern.compile("new\\s+Function\\b"),
                Pattern.compile("\\.srcdoc\\b"), Pattern.compile("javascript:"),
                Pattern.compile("setTimeout\\(\\s*['\"`]"));
        for (Pattern sink : sinks) {
            assertThat(sink.matcher(source).find()).as("widget.js uses %s", sink.pattern()).isFalse();
        }
    }

    @Test
    @DisplayName("opens links only with http(s), in a new tab without an opener")
    void safeLinks() {
        assertThat(source).contains("rel: 'noopener noreferrer'").contains("target: '_blank'")
                .contains("url.protocol === 'https:' || url.protocol === 'http:'");
    }

    @Test
    @DisplayName("renders inside a Shadow DOM and exposes open() and close()")
    void shadowDomAndApi() {
        assertThat(source).contains("attachShadow(").contains(":host{")
                .contains("window.ParleyWidget = { open: open, close: close }");
    }
}
