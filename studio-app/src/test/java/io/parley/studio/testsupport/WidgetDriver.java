package io.parley.studio.testsupport;

import javafx.scene.web.WebEngine;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.ExecutionException;

/**
 * Chats through the real widget shown in a WebView, with JavaScript: the robot cannot reach into
 * a web page. Looks through shadow roots and same-origin frames, since a widget may use either.
 */
public final class WidgetDriver {

    private static final String FIND = """
            (function () {
              function all(root, selector, out) {
                root.querySelectorAll(selector).forEach(function (e) { out.push(e); });
                root.querySelectorAll('*').forEach(function (e) {
                  if (e.shadowRoot) { all(e.shadowRoot, selector, out); }
                  if (e.tagName === 'IFRAME') {
                    try { if (e.contentDocument) { all(e.contentDocument, selector, out); } } catch (x) { }
                  }
                });
                return out;
              }
              window.__parleyAll = all;
            })();
            """;

    private final WebEngine engine;

    public WidgetDriver(WebEngine engine) {
        this.engine = engine;
    }

    /** Whether the widget shows a box to type a message in. */
    public boolean ready() {
        return Boolean.TRUE.equals(run(FIND + """
                (function () {
                  var boxes = window.__parleyAll(document, 'textarea, input[type=text], input:not([type])', []);
                  return boxes.length > 0;
                })()"""));
    }

    /** Types {@code message} into the widget's box and sends it (Enter, else its send button). */
    public void send(String message) {
        run(FIND + """
                (function (text) {
                  var box = window.__parleyAll(document, 'textarea, input[type=text], input:not([type])', [])[0];
                  box.focus();
                  box.value = text;
                  box.dispatchEvent(new Event('input', {bubbles: true}));
                  var enter = {key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true};
                  var notHandled = box.dispatchEvent(new KeyboardEvent('keydown', enter));
                  box.dispatchEvent(new KeyboardEvent('keypress', enter));
                  box.dispatchEvent(new KeyboardEvent('keyup', enter));
                  if (notHandled && box.value === text) {
                    var form = box.form;
                    var button = window.__parleyAll(document, 'button[type=submit], button[aria-label*=end], button.send', [])[0];
                    if (button) { button.click(); } else if (form) { form.dispatchEvent(new Event('submit', {cancelable: true, bubbles: true})); }
                  }
                  return true;
                })(%s)""".formatted(jsString(message)));
    }

    /** Whether the widget shows its dark theme. */
    public boolean darkTheme() {
        return Boolean.TRUE.equals(run(FIND + """
                (function () {
                  return window.__parleyAll(document, '.dark', []).length > 0;
                })()"""));
    }

    /** All the text the widget shows, shadow roots and frames included. */
    public String text() {
        Object text = run(FIND + """
                (function () {
                  var parts = [document.body ? document.body.innerText : ''];
                  window.__parleyAll(document, '*', []).forEach(function (e) {
                    if (e.shadowRoot) {
                      var walker = document.createTreeWalker(e.shadowRoot, NodeFilter.SHOW_TEXT, null);
                      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
                        if (n.parentNode && n.parentNode.nodeName !== 'STYLE') { parts.push(n.nodeValue); }
                      }
                    }
                  });
                  return parts.join(' ');
                })()""");
        return text == null ? "" : text.toString();
    }

    private Object run(String script) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> engine.executeScript(script)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String jsString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
