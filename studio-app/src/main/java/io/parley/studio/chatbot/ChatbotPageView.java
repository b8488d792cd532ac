package io.parley.studio.chatbot;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A deployed chatbot's page: name, state, embed code, conversations and leads, Edit and Delete. */
public final class ChatbotPageView extends VBox {

    public ChatbotPageView(ChatbotPageViewModel viewModel) {
        super(14);
        setId("chatbot-page");
        getStyleClass().add("section");
        Label title = new Label();
        title.setId("chatbot-title");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(viewModel.nameProperty());
        Label facts = new Label();
        facts.setId("chatbot-facts");
        facts.getStyleClass().add("section-subtitle");
        facts.textProperty().bind(viewModel.factsProperty());
        Button back = new Button("All chatbots");
        back.setId("chatbot-back");
        back.getStyleClass().add("link-button");
        back.setOnAction(event -> viewModel.back());
        Button edit = new Button("Edit");
        edit.setId("chatbot-edit");
        edit.getStyleClass().add("primary-button");
        edit.setOnAction(event -> viewModel.edit());
        Button delete = new Button("Delete");
        delete.setId("chatbot-delete");
        delete.getStyleClass().add("danger-button");
        delete.disableProperty().bind(viewModel.busyProperty());
        // Deleting cannot be undone: it asks once more, in the page rather than a dialog.
        Button really = new Button("Delete for good");
        really.setId("chatbot-delete-confirm");
        really.getStyleClass().add("danger-button");
        really.setOnAction(event -> viewModel.delete());
        Button keep = new Button("Keep it");
        keep.getStyleClass().add("secondary-button");
        Label question = new Label();
        question.textProperty().bind(javafx.beans.binding.Bindings.concat("Delete ", viewModel.nameProperty(),
                " with its keys and conversations? Websites showing it stop working."));
        question.setWrapText(true);
        HBox confirm = new HBox(10, question, Ui.spacer(), keep, really);
        confirm.setAlignment(Pos.CENTER_LEFT);
        confirm.getStyleClass().add("card");
        confirm.setVisible(false);
        confirm.managedProperty().bind(confirm.visibleProperty());
        delete.setOnAction(event -> confirm.setVisible(true));
        keep.setOnAction(event -> confirm.setVisible(false));
        HBox header = new HBox(12, new VBox(2, title, facts), Ui.spacer(), back, delete, edit);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox website = Ui.card(Ui.heading("On your website", "Paste this into your website's HTML, just before "
                + "</body>. Edit the chatbot to change where it may appear."),
                Ui.copyableCode("chatbot-embed-code", viewModel.embedCodeProperty()));
        Ui.showWhen(website, viewModel.embedCodeProperty().isNotEmpty());
        Label problem = Ui.problemLabel("chatbot-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        website.setMaxWidth(900);
        confirm.setMaxWidth(900);
        getChildren().addAll(header, confirm, problem, website, new BotActivityView(viewModel.activity()));
    }
}
