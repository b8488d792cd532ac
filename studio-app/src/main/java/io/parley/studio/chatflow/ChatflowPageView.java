package io.parley.studio.chatflow;

import io.parley.studio.chatbot.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/** A deployed chatflow's page: name, version, embed code; Edit, Export and Delete. */
public final class ChatflowPageView extends VBox {

    public ChatflowPageView(ChatflowPageViewModel viewModel) {
        super(14);
        setId("chatflow-page");
        getStyleClass().add("section");
        Label title = new Label();
        title.setId("chatflow-title");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(viewModel.nameProperty());
        Label facts = new Label();
        facts.setId("chatflow-facts");
        facts.getStyleClass().add("section-subtitle");
        facts.textProperty().bind(viewModel.factsProperty());
        Button back = new Button("All chatflows");
        back.setId("chatflow-back");
        back.getStyleClass().add("link-button");
        back.setOnAction(e -> viewModel.back());
        Button export = new Button("Export");
        export.setId("chatflow-export");
        export.getStyleClass().add("secondary-button");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the chatflow");
            chooser.setInitialFileName(viewModel.exportFileName());
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                viewModel.export(file.toPath());
            }
        });
        Button edit = new Button("Edit");
        edit.setId("chatflow-edit");
        edit.getStyleClass().add("primary-button");
        edit.setOnAction(e -> viewModel.edit());
        io.parley.studio.chatbot.DeleteGuard delete = io.parley.studio.chatbot.DeleteGuard.of("chatflow",
                viewModel.nameProperty(), viewModel.busyProperty(), viewModel::delete);
        HBox confirm = delete.confirmation();
        HBox header = new HBox(12, new VBox(2, title, facts), Ui.spacer(), back, delete.button(), export, edit);
        header.setAlignment(Pos.CENTER_LEFT);
        Label problem = Ui.problemLabel("chatflow-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        Label notice = Ui.hint("");
        notice.setId("chatflow-notice");
        notice.textProperty().bind(viewModel.noticeProperty());
        VBox website = Ui.card(Ui.heading("On your website", "Paste this into your website's HTML, just before "
                        + "</body>. Edit the chatflow to change where it may appear."),
                Ui.copyableCode("chatflow-embed-code", viewModel.embedCodeProperty()));
        Ui.showWhen(website, viewModel.embedCodeProperty().isNotEmpty());
        website.setMaxWidth(900);
        confirm.setMaxWidth(900);
        getChildren().addAll(header, confirm, problem, notice, website,
                new io.parley.studio.chatbot.BotActivityView(viewModel.activity()));
    }
}
