package io.parley.studio.chatbot;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * A bot page's Delete button and the question it asks once more, in the page rather than a
 * dialog: deleting a live bot cannot be undone. Ids: {@code <prefix>-delete},
 * {@code <prefix>-delete-confirm}.
 */
public record DeleteGuard(Button button, HBox confirmation) {

    public static DeleteGuard of(String idPrefix, ObservableStringValue name, ObservableBooleanValue busy,
                                 Runnable delete) {
        Button button = new Button("Delete");
        button.setId(idPrefix + "-delete");
        button.getStyleClass().add("danger-button");
        button.disableProperty().bind(busy);
        Button really = new Button("Delete for good");
        really.setId(idPrefix + "-delete-confirm");
        really.getStyleClass().add("danger-button");
        really.setOnAction(event -> delete.run());
        Button keep = new Button("Keep it");
        keep.getStyleClass().add("secondary-button");
        Label question = new Label();
        question.textProperty().bind(javafx.beans.binding.Bindings.concat("Delete ", name,
                " with its keys and conversations? Websites showing it stop working."));
        question.setWrapText(true);
        HBox confirmation = new HBox(10, question, Ui.spacer(), keep, really);
        confirmation.setAlignment(Pos.CENTER_LEFT);
        confirmation.getStyleClass().add("card");
        confirmation.setVisible(false);
        confirmation.managedProperty().bind(confirmation.visibleProperty());
        button.setOnAction(event -> confirmation.setVisible(true));
        keep.setOnAction(event -> confirmation.setVisible(false));
        return new DeleteGuard(button, confirmation);
    }
}
