package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi.PreviewPage;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;

/**
 * The builder's live preview: the real chat widget, loaded from the local server into a WebView
 * and answering as the draft. It loads the server's preview page, which is same-origin with the
 * API, so the widget's calls with the builder's token need no CORS. A server without that page
 * answers something else; the same page is then written into that document, which keeps the
 * server's origin ({@code loadContent} would give it none).
 */
public final class PreviewPane extends VBox {

    private final WebView web = new WebView();
    private final Label placeholder = new Label("The preview appears here.");
    private PreviewPage page;
    private String pendingHtml;
    private int loads;

    PreviewPane(ChatbotBuilderViewModel viewModel) {
        setId("preview-pane");
        getStyleClass().add("preview-pane");
        Label title = new Label("Live preview");
        title.getStyleClass().add("card-title");
        Label hint = Ui.hint("Chat with your draft as visitors will. Changes show once saved.");
        Button reload = new Button("Reload");
        reload.setTooltip(new javafx.scene.control.Tooltip("Load the preview again. The conversation stays; "
                + "the chat's own ↻ button starts a new one."));
        reload.setId("preview-reload");
        reload.getStyleClass().add("link-button");
        reload.setOnAction(event -> reload());
        reload.disableProperty().bind(viewModel.deployedProperty());
        HBox header = new HBox(8, title, Ui.spacer(), reload);
        header.setAlignment(Pos.CENTER_LEFT);
        web.setId("preview-web");
        web.setContextMenuEnabled(false);
        placeholder.setId("preview-note");
        placeholder.getStyleClass().add("hint");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(260);
        placeholder.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        StackPane body = new StackPane(web, placeholder);
        body.getStyleClass().add("preview-body");
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, hint, body);

        WebEngine engine = web.getEngine();
        viewModel.previewStorage().ifPresent(dir -> engine.setUserDataDirectory(dir.toFile()));
        engine.getLoadWorker().stateProperty().addListener((obs, was, is) -> {
            if (is == Worker.State.SUCCEEDED && pendingHtml != null) {
                String html = pendingHtml;
                pendingHtml = null;
                if (!Boolean.TRUE.equals(engine.executeScript("document.contentType === 'text/html'"))) {
                    engine.executeScript("document.open();document.write(" + jsString(html) + ");document.close();");
                }
                placeholder.setVisible(false);
            } else if (is == Worker.State.FAILED && pendingHtml != null) {
                placeholder.setText("The preview could not reach the local server.");
                placeholder.setVisible(true);
            }
        });
        keepFocusWhileReloading(body);
        viewModel.previewPageProperty().addListener((obs, was, is) -> show(is));
        viewModel.deployedProperty().addListener((obs, was, is) -> {
            if (is) { // the draft it answered as is gone
                page = null;
                web.getEngine().loadContent("");
                placeholder.setText("Your chatbot is live. Open it to copy its code, or choose Edit to change it "
                        + "and preview the changes here.");
                placeholder.setVisible(true);
            }
        });
        viewModel.previewRevisionProperty().addListener((obs, was, is) -> reload());
        show(viewModel.previewPageProperty().get());
    }

    /**
     * The widget focuses its message box when it (re)loads, which would pull the keyboard out of
     * the field the builder is typing in whenever a saved change reloads the preview. So the
     * preview takes input only while the pointer is over it, or while the builder is chatting in it.
     */
    private void keepFocusWhileReloading(StackPane body) {
        web.setDisable(true);
        body.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_ENTERED, event -> web.setDisable(false));
        body.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_EXITED, event -> {
            if (!web.isFocused()) {
                web.setDisable(true);
            }
        });
        web.focusedProperty().addListener((obs, was, is) -> {
            if (!is && !body.isHover()) {
                web.setDisable(true);
            }
        });
    }

    private void show(PreviewPage shown) {
        this.page = shown;
        reload();
    }

    private void reload() {
        if (page == null) {
            return;
        }
        pendingHtml = page.html();
        // A new query each time: only the fragment changing would not load the page again.
        String url = page.url().toString();
        int fragment = url.indexOf('#');
        String withQuery = fragment < 0 ? url + "?load=" + (++loads)
                : url.substring(0, fragment) + "?load=" + (++loads) + url.substring(fragment);
        web.getEngine().load(withQuery);
    }

    /** The WebView, for tests that chat through the widget. */
    public WebView webView() {
        return web;
    }

    static String jsString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '<' -> out.append("\\u003c"); // keeps "</script>" from ending anything early
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
