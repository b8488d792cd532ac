package io.parley.studio.chatbot;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Variables: one small block per variable (name, type, default, required, ask before the chat),
 * two lines each so it fits beside the preview.
 */
final class VariablesStepView extends VBox {

    private final VariablesStepViewModel viewModel;
    private final VBox rows = new VBox(10);

    VariablesStepView(VariablesStepViewModel viewModel) {
        this.viewModel = viewModel;
        rows.setId("variables-table");
        rebuild();
        viewModel.variables().addListener((ListChangeListener<VariableRow>) change -> {
            while (change.next()) {
                if (change.wasAdded() || change.wasRemoved()) {
                    rebuild();
                    return;
                }
            }
        });
        Button add = new Button("Add variable");
        add.setId("add-variable");
        add.getStyleClass().add("secondary-button");
        add.setOnAction(event -> viewModel.add());
        Label none = Ui.hint("No variables. That is fine: most chatbots need none.");
        Ui.showWhen(none, Bindings.isEmpty(viewModel.variables()));
        getChildren().add(Ui.card(Ui.heading("Variables (optional)", "Values the instructions can use, written "
                + "{{name}}: the visitor's name, their order number… The chat window can ask for them "
                + "before the chat, or your website can pass them in."), none, rows, add));
    }

    private void rebuild() {
        rows.getChildren().clear();
        int index = 0;
        for (VariableRow row : viewModel.variables()) {
            rows.getChildren().add(row(row, index++));
        }
    }

    private VBox row(VariableRow row, int index) {
        TextField name = new TextField();
        name.setId("variable-name-" + index);
        name.setPromptText("name, e.g. user_name");
        name.textProperty().bindBidirectional(row.nameProperty());
        HBox.setHgrow(name, Priority.ALWAYS);
        ComboBox<VariableRow.Type> type = new ComboBox<>(FXCollections.observableArrayList(VariableRow.Type.values()));
        type.setId("variable-type-" + index);
        type.valueProperty().bindBidirectional(row.typeProperty());
        type.setMinWidth(Region.USE_PREF_SIZE);
        Button remove = new Button("Remove");
        remove.setId("variable-remove-" + index);
        remove.getStyleClass().add("link-button");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.setOnAction(event -> viewModel.remove(row));
        HBox first = new HBox(8, name, type, remove);
        first.setAlignment(Pos.CENTER_LEFT);

        TextField fallback = new TextField();
        fallback.setId("variable-default-" + index);
        fallback.setPromptText("default value (optional)");
        fallback.textProperty().bindBidirectional(row.defaultValueProperty());
        HBox.setHgrow(fallback, Priority.ALWAYS);
        CheckBox required = new CheckBox("Required");
        required.setId("variable-required-" + index);
        required.setMinWidth(Region.USE_PREF_SIZE);
        required.selectedProperty().bindBidirectional(row.requiredProperty());
        CheckBox ask = new CheckBox("Ask before the chat");
        ask.setId("variable-ask-" + index);
        ask.setMinWidth(Region.USE_PREF_SIZE);
        ask.selectedProperty().bindBidirectional(row.askBeforeChatProperty());
        HBox second = new HBox(12, fallback, required, ask);
        second.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, first, second);
        box.getStyleClass().add("variable-row");
        return box;
    }
}
