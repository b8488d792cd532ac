package io.parley.studio.chatbot;

import io.parley.studio.chatbot.BasicStepViewModel.Category;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Basic: name, description, category. */
final class BasicStepView extends VBox {

    BasicStepView(BasicStepViewModel viewModel) {
        TextField name = new TextField();
        name.setId("bot-name");
        name.setPromptText("For example “Café helper” or “Returns assistant”");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextArea description = new TextArea();
        description.setId("bot-description");
        description.setPromptText("What it helps with, in a sentence (optional; only you see it)");
        description.setWrapText(true);
        description.setPrefRowCount(3);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        ComboBox<Category> category = new ComboBox<>(FXCollections.observableArrayList(BasicStepViewModel.CATEGORIES));
        category.setId("bot-category");
        category.valueProperty().bindBidirectional(viewModel.categoryProperty());
        getChildren().add(Ui.card(
                Ui.heading("Name your chatbot", "The name shows at the top of the chat window. You can change "
                        + "everything later."),
                Ui.field("Name", name), Ui.field("Description", description), Ui.field("What is it for?", category)));
    }
}
