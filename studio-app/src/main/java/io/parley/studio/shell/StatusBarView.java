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

    StatusBarView(ShellViewModel shell) {
        ServerStatusViewModel status = shell.status();
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
        dataFolder.setMinWidth(80); // a long folder shortens before the link goes

        Label notice = new Label();
        notice.setId("backup-notice");
        notice.getStyleClass().add("status-detail");
        notice.textProperty().bind(shell.backupNoticeProperty());
        notice.setMinWidth(0);
        notice.setPadding(new javafx.geometry.Insets(0, 12, 0, 0));
        javafx.scene.control.Hyperlink backUp = new javafx.scene.control.Hyperlink("Back up…");
        backUp.setId("back-up");
        backUp.setTooltip(new javafx.scene.control.Tooltip("Save a copy of everything here (knowledge bases, chatbots, "
                + "chatflows, saved keys) to one file"));
        backUp.setMinWidth(Region.USE_PREF_SIZE);
        backUp.disableProperty().bind(status.stateProperty().isNotEqualTo(ServerState.RUNNING));
        backUp.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Back up Parley's data");
            chooser.setInitialFileName("parley-backup-" + java.time.LocalDate.now() + ".zip");
            java.io.File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                shell.backup(file.toPath());
            }
        });
        getChildren().addAll(dot, message, gap, notice, dataFolder, backUp);
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
