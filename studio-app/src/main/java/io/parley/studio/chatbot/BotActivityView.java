package io.parley.studio.chatbot;

import io.parley.studio.chatbot.BotActivityViewModel.ConversationRow;
import io.parley.studio.chatbot.BotActivityViewModel.LeadRow;
import io.parley.studio.chatbot.BotActivityViewModel.Line;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** A deployed bot's conversations (open one to read it) and the leads it collected. */
public final class BotActivityView extends VBox {

    public BotActivityView(BotActivityViewModel viewModel) {
        super(14);
        setId("bot-activity");
        getChildren().add(conversations(viewModel));
        if (viewModel.collectsLeads()) {
            getChildren().add(leads(viewModel));
        }
    }

    private static VBox conversations(BotActivityViewModel viewModel) {
        ListView<ConversationRow> list = new ListView<>(viewModel.conversations());
        list.setId("bot-conversations");
        list.getStyleClass().addAll("section-list", "plain-list");
        list.setPrefWidth(280);
        list.setPrefHeight(260);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(ConversationRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label title = new Label(row.title());
                title.getStyleClass().add("row-title");
                Label detail = new Label(row.detail());
                detail.getStyleClass().add("hint");
                setGraphic(new VBox(2, title, detail));
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> viewModel.open(row));

        ListView<Line> transcript = new ListView<>(viewModel.transcript());
        transcript.setId("bot-transcript");
        transcript.getStyleClass().add("plain-list");
        transcript.setPrefHeight(260);
        transcript.setFocusTraversable(true);
        transcript.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("visitor-line", "bot-line");
                if (empty || line == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                getStyleClass().add(line.visitor() ? "visitor-line" : "bot-line");
                String noun = viewModel.noun();
                Label who = new Label(line.visitor() ? "Visitor" : Character.toUpperCase(noun.charAt(0)) + noun.substring(1));
                who.getStyleClass().add("row-title");
                Label text = new Label(line.text());
                text.setWrapText(true);
                text.maxWidthProperty().bind(transcript.widthProperty().subtract(40));
                VBox box = new VBox(2, who, text);
                if (!line.note().isEmpty()) {
                    Label note = new Label(line.note());
                    note.getStyleClass().add("hint");
                    box.getChildren().add(note);
                }
                setGraphic(box);
                setText(null);
            }
        });
        Label transcriptTitle = new Label();
        transcriptTitle.getStyleClass().add("field-label");
        transcriptTitle.textProperty().bind(viewModel.transcriptTitleProperty());
        Label pick = Ui.hint("Choose a conversation to read it.");
        Ui.showWhen(pick, viewModel.transcriptTitleProperty().isEmpty());
        VBox reading = new VBox(6, transcriptTitle, pick, transcript);
        HBox.setHgrow(reading, Priority.ALWAYS);
        HBox panes = new HBox(12, list, reading);
        Ui.showWhen(panes, javafx.beans.binding.Bindings.isNotEmpty(viewModel.conversations()));

        Label empty = Ui.hint("");
        empty.setId("bot-conversations-empty");
        empty.textProperty().bind(viewModel.conversationsNoteProperty());
        Ui.showWhen(empty, viewModel.conversationsNoteProperty().isNotEmpty());
        Button refresh = new Button("Refresh");
        refresh.setId("bot-activity-refresh");
        refresh.getStyleClass().add("secondary-button");
        refresh.setOnAction(event -> viewModel.load());
        HBox heading = new HBox(12, Ui.heading("Conversations", "The latest conversations people had with this "
                + viewModel.noun() + ", newest first."), Ui.spacer(), refresh);
        heading.setAlignment(Pos.TOP_LEFT);
        Label problem = Ui.problemLabel("bot-activity-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        VBox card = Ui.card(heading, problem, empty, panes);
        card.setMaxWidth(900);
        return card;
    }

    private static VBox leads(BotActivityViewModel viewModel) {
        TableView<LeadRow> table = new TableView<>(viewModel.leads());
        table.setId("bot-leads");
        table.setPrefHeight(200);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("When", LeadRow::when));
        table.getColumns().add(column("Email", LeadRow::email));
        table.getColumns().add(column("Name", LeadRow::name));
        table.getColumns().add(column("Phone", LeadRow::phone));
        Ui.showWhen(table, javafx.beans.binding.Bindings.isNotEmpty(viewModel.leads()));
        Label empty = Ui.hint("");
        empty.setId("bot-leads-empty");
        empty.textProperty().bind(viewModel.leadsNoteProperty());
        Ui.showWhen(empty, viewModel.leadsNoteProperty().isNotEmpty());
        VBox card = Ui.card(Ui.heading("Leads", "Contact details visitors left in the chat."), empty, table);
        card.setMaxWidth(900);
        return card;
    }

    private static TableColumn<LeadRow, String> column(String title, Function<LeadRow, String> value) {
        TableColumn<LeadRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
