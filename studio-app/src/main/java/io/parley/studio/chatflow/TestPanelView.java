package io.parley.studio.chatflow;

import io.parley.studio.api.ChatflowApi.Choice;
import io.parley.studio.api.ChatflowApi.LogEntry;
import io.parley.studio.chatbot.Ui;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Test flow": chat with the draft on the left of the panel's top half, then what happened, step
 * by step (click a row to select its step), then the conversation's variables.
 */
final class TestPanelView extends VBox {

    TestPanelView(FlowBuilderViewModel builder) {
        super(10);
        FlowTestRun run = builder.testRun();
        setId("flow-test");
        getStyleClass().add("flow-side-panel");

        VBox chat = new VBox(6);
        chat.setId("test-chat");
        chat.getStyleClass().add("test-chat");
        ScrollPane chatScroll = new ScrollPane(chat);
        chatScroll.setFitToWidth(true);
        chatScroll.setPrefViewportHeight(220);
        chatScroll.getStyleClass().add("test-chat-scroll");
        Label empty = Ui.hint("Write as a visitor would. The flow runs as it is now, saved or not yet.");
        chat.getChildren().add(empty);
        run.lines().addListener((ListChangeListener<FlowTestRun.Line>) change -> {
            chat.getChildren().setAll(run.lines().isEmpty() ? java.util.List.of(empty)
                    : run.lines().stream().map(TestPanelView::bubble).toList());
        });
        // the newest message in view, once the bubbles' wrapped heights are known
        chat.heightProperty().addListener((obs, was, is) -> chatScroll.setVvalue(chatScroll.getVmax()));

        FlowPane choices = new FlowPane(6, 6);
        choices.setId("test-choices");
        run.choicesProperty().addListener((obs, was, is) -> choices.getChildren().setAll(is.stream().map(c -> {
            Button b = new Button(c.label());
            b.getStyleClass().add("secondary-button");
            b.setOnAction(e -> run.choose(c));
            return b;
        }).toList()));

        TextField input = new TextField();
        input.setId("test-input");
        input.setPromptText("Type a message…");
        Button send = new Button("Send");
        send.setId("test-send");
        send.getStyleClass().add("primary-button");
        send.disableProperty().bind(run.busyProperty());
        Runnable sendIt = () -> {
            run.send(input.getText());
            input.clear();
        };
        send.setOnAction(e -> sendIt.run());
        input.setOnAction(e -> sendIt.run());
        Button restart = new Button("Start over");
        restart.setId("test-restart");
        restart.getStyleClass().add("link-button");
        restart.setOnAction(e -> run.restart());
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox compose = new HBox(6, input, send);
        compose.setAlignment(Pos.CENTER_LEFT);

        ListView<LogEntry> log = new ListView<>(run.log());
        log.setId("test-log");
        log.setPrefHeight(180);
        log.setPlaceholder(Ui.hint("Each step the flow runs shows here, with its time and result."));
        log.setCellFactory(view -> new LogCell(builder));
        log.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            if (is != null) {
                builder.select(is.nodeId());
            }
        });

        ListView<FlowTestRun.Value> values = new ListView<>(run.values());
        values.setId("test-variables");
        values.setPrefHeight(110);
        values.setPlaceholder(Ui.hint("No variables set yet."));
        values.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(FlowTestRun.Value item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + " = " + item.value());
            }
        });

        HBox title = new HBox(8, Ui.fieldLabel("Try the flow"), Ui.spacer(), restart);
        title.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(log, Priority.ALWAYS);
        getChildren().addAll(title, chatScroll, choices, compose, Ui.fieldLabel("What happened"), log,
                Ui.fieldLabel("Variables"), values);
    }

    /** A message: the visitor's on the right, the flow's on the left, notices across. */
    private static HBox bubble(FlowTestRun.Line line) {
        Label l = new Label(line.text());
        l.setWrapText(true);
        l.setMaxWidth(260);
        l.getStyleClass().addAll("test-bubble", "test-" + line.who().name().toLowerCase(java.util.Locale.ROOT));
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(l);
        row.setAlignment(line.who() == FlowTestRun.Line.Who.VISITOR ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        return row;
    }

    /** A step's output in words: its text, or its plain fields ("intent: billing · results: 2 items"). */
    static String glimpse(com.fasterxml.jackson.databind.JsonNode out) {
        if (out == null || out.isNull() || out.isMissingNode()) {
            return "";
        }
        if (!out.isObject()) {
            return out.isTextual() ? out.asText() : out.toString();
        }
        boolean answeredJson = out.has("json"); // its text is the same JSON again
        java.util.List<String> parts = new java.util.ArrayList<>();
        out.fields().forEachRemaining(f -> {
            com.fasterxml.jackson.databind.JsonNode v = f.getValue();
            if (f.getKey().equals("usage") || answeredJson && f.getKey().equals("text")) {
                return;
            }
            if (v.isValueNode() && !v.isNull()) {
                parts.add(f.getKey() + ": " + v.asText());
            } else if (v.isArray()) {
                parts.add(f.getKey() + ": " + v.size() + (v.size() == 1 ? " item" : " items"));
            }
        });
        return String.join(" · ", parts);
    }

    /** One step of the log: its mark, title, time, branch and a glimpse of its output or error. */
    private static final class LogCell extends ListCell<LogEntry> {

        private final FlowBuilderViewModel builder;

        LogCell(FlowBuilderViewModel builder) {
            this.builder = builder;
        }

        @Override
        protected void updateItem(LogEntry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeAll("log-failed", "log-ok");
            if (empty || e == null) {
                setText(null);
                return;
            }
            boolean failed = "failed".equals(e.status()) || "error".equals(e.status());
            getStyleClass().add(failed ? "log-failed" : "log-ok");
            String name = builder.graph().node(e.nodeId()).map(n -> new FlowNodeLook().title(n))
                    .orElse(e.label() != null && !e.label().isBlank() ? e.label() : e.nodeId());
            StringBuilder text = new StringBuilder(failed ? "✕ " : "✓ ").append(name);
            if (e.durationMs() != null) {
                text.append(" · ").append(e.durationMs()).append(" ms");
            }
            if (e.branch() != null && !e.branch().isBlank()) {
                String exit = builder.graph().node(e.nodeId()).flatMap(n -> n.output(e.branch()))
                        .map(p -> p.label().isEmpty() ? e.branch() : p.label()).orElse(e.branch());
                text.append(" · went “").append(exit).append("”");
            }
            if (failed && e.error() != null) {
                text.append("\n").append(e.error());
            } else {
                String out = glimpse(e.output());
                if (!out.isEmpty()) {
                    text.append("\n").append(NodeKind.shorten(out.replaceAll("\\s+", " "), 110));
                }
            }
            setText(text.toString());
            setWrapText(true);
            setPrefWidth(0);
        }
    }
}
