package io.parley.studio.shell;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

import java.util.Locale;

/** The bottom bar: a coloured dot and one line about the server, and where the data lives. */
final class StatusBarView extends HBox {

    StatusBarView(ServerStatusViewModel status) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);

        Circle dot = new Circle(4.5);
        dot.getStyleClass().add("status-dot");
        showState(dot, status.getState());
        status.stateProperty().addListener((obs, was, is) -> showState(dot, is));

        Label message = new Label();
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(status.messageProperty());
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE); // pushes the data folder to the right edge
        HBox.setHgrow(message, Priority.ALWAYS);

        Region gap = new Region();
        gap.setMinWidth(16);

        Label dataFolder = new Label();
        dataFolder.setId("data-folder");
        dataFolder.getStyleClass().add("status-detail");
        dataFolder.textProperty().bind(status.dataFolderProperty());
        dataFolder.setMinWidth(Region.USE_PREF_SIZE);

        getChildren().addAll(dot, message, gap, dataFolder);
    }

    // One pseudo-class per state (:starting, :running, …) lets the CSS pick the dot's colour.
    private static void showState(Circle dot, ServerState state) {
        for (ServerState each : ServerState.values()) {
            dot.pseudoClassStateChanged(pseudoClass(each), each == state);
        }
    }

    private static PseudoClass pseudoClass(ServerState state) {
        return PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
