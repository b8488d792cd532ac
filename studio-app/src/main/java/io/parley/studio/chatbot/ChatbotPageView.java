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
        DeleteGuard delete = DeleteGuard.of("chatbot", viewModel.nameProperty(), viewModel.busyProperty(),
                viewModel::delete);
        HBox confirm = delete.confirmation();
        HBox header = new HBox(12, new VBox(2, title, facts), Ui.spacer(), back, delete.button(), edit);
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
