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
 * and answering as the draft. The page is written into a document first loaded from the server
 * itself, so it has the server's origin and the widget's calls to the server are same-origin
 * ({@code loadContent} would give it no origin, and the server would have to allow CORS).
 */
public final class PreviewPane extends VBox {

    private final WebView web = new WebView();
    private final Label placeholder = new Label("The preview appears here.");
    private PreviewPage page;
    private String pendingHtml;

    PreviewPane(ChatbotBuilderViewModel viewModel) {
        setId("preview-pane");
        getStyleClass().add("preview-pane");
        Label title = new Label("Live preview");
        title.getStyleClass().add("card-title");
        Label hint = Ui.hint("Chat with your draft as visitors will. Changes show once saved.");
        Button reload = new Button("Restart chat");
        reload.setId("preview-reload");
        reload.getStyleClass().add("link-button");
        reload.setOnAction(event -> reload());
        HBox header = new HBox(8, title, Ui.spacer(), reload);
        header.setAlignment(Pos.CENTER_LEFT);
        web.setId("preview-web");
        web.setContextMenuEnabled(false);
        placeholder.getStyleClass().add("hint");
        StackPane body = new StackPane(web, placeholder);
        body.getStyleClass().add("preview-body");
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, hint, body);

        WebEngine engine = web.getEngine();
        engine.getLoadWorker().stateProperty().addListener((obs, was, is) -> {
            if (is == Worker.State.SUCCEEDED && pendingHtml != null) {
                String html = pendingHtml;
                pendingHtml = null;
                engine.executeScript("document.open();document.write(" + jsString(html) + ");document.close();");
                placeholder.setVisible(false);
            } else if (is == Worker.State.FAILED && pendingHtml != null) {
                placeholder.setText("The preview could not reach the local server.");
                placeholder.setVisible(true);
            }
        });
        viewModel.previewPageProperty().addListener((obs, was, is) -> show(is));
        viewModel.previewRevisionProperty().addListener((obs, was, is) -> reload());
        show(viewModel.previewPageProperty().get());
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
        web.getEngine().load(page.origin().toString());
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
