package io.parley.studio.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A banner above the content that says what went wrong in full and offers to try again. */
final class ProblemBanner extends HBox {

    ProblemBanner(ServerStatusViewModel status, Runnable retry) {
        getStyleClass().add("problem-banner");
        setAlignment(Pos.CENTER_LEFT);
        visibleProperty().bind(status.problemProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());

        Label mark = new Label("!");
        mark.getStyleClass().add("problem-mark");

        Label text = new Label();
        text.setId("problem-text");
        text.getStyleClass().add("problem-text");
        text.textProperty().bind(status.problemProperty());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);

        Button tryAgain = new Button("Try again");
        tryAgain.setId("retry-server");
        tryAgain.getStyleClass().add("problem-action");
        tryAgain.setMinWidth(USE_PREF_SIZE);
        tryAgain.visibleProperty().bind(status.canRetryProperty());
        tryAgain.managedProperty().bind(tryAgain.visibleProperty());
        tryAgain.setOnAction(event -> retry.run());

        getChildren().addAll(mark, text, tryAgain);
    }
}
