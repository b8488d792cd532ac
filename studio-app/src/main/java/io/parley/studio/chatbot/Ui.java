package io.parley.studio.chatbot;

import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The small pieces the builder's views are made of, styled by studio.css. */
public final class Ui {

    private Ui() {
    }

    public static VBox card(Node... children) {
        VBox card = new VBox(12, children);
        card.getStyleClass().add("card");
        return card;
    }

    public static VBox heading(String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Label d = hint(text);
        return new VBox(4, t, d);
    }

    public static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        return hint;
    }

    public static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    public static VBox field(String label, Node control) {
        return new VBox(4, fieldLabel(label), control);
    }

    public static Label problemLabel(String id) {
        Label problem = new Label();
        problem.setId(id);
        problem.getStyleClass().add("inline-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    public static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    public static Spinner<Integer> intSpinner(String id, int min, int max, int step, ObjectProperty<Integer> value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value.get(), step);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        spinner.getValueFactory().valueProperty().bindBidirectional(value);
        spinner.getProperties().put("bound-value", value); // a bidirectional binding holds it only weakly
        return spinner;
    }

    /** Shows {@code node} only while {@code when} holds, taking no room otherwise. */
    public static <T extends Node> T showWhen(T node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(node.visibleProperty());
        return node;
    }

    /**
     * Read-only code (an embed snippet) with a Copy button; {@code id} names the text area and
     * {@code "copy-" + id} the button.
     */
    public static VBox copyableCode(String id, javafx.beans.value.ObservableStringValue code) {
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea();
        text.setId(id);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(3);
        text.getStyleClass().add("code");
        text.textProperty().bind(code);
        javafx.scene.control.Button copy = new javafx.scene.control.Button("Copy");
        copy.setId("copy-" + id);
        copy.getStyleClass().add("secondary-button");
        copy.setOnAction(event -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(code.get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        code.addListener((obs, was, is) -> copy.setText("Copy"));
        return new VBox(8, text, copy);
    }
}
