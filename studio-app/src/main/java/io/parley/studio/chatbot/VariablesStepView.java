package io.parley.studio.chatbot;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Variables: a small table of name, type, required, default and "ask before the chat". */
final class VariablesStepView extends VBox {

    private final VariablesStepViewModel viewModel;
    private final GridPane table = new GridPane();

    VariablesStepView(VariablesStepViewModel viewModel) {
        this.viewModel = viewModel;
        table.setId("variables-table");
        table.setHgap(12);
        table.setVgap(8);
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
        Ui.showWhen(table, Bindings.isNotEmpty(viewModel.variables()));
        getChildren().add(Ui.card(Ui.heading("Variables (optional)", "Values the instructions can use, written "
                + "{{name}}: the visitor's name, their order number… The chat window can ask for them "
                + "before the chat, or your website can pass them in."), none, table, add));
    }

    private void rebuild() {
        table.getChildren().clear();
        String[] headings = {"Name", "Type", "Required", "Default", "Ask first", ""};
        for (int c = 0; c < headings.length; c++) {
            javafx.scene.control.Label heading = Ui.fieldLabel(headings[c]);
            heading.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            table.add(heading, c, 0);
        }
        int r = 1;
        for (VariableRow row : viewModel.variables()) {
            int index = r - 1;
            TextField name = new TextField();
            name.setId("variable-name-" + index);
            name.setPrefColumnCount(8);
            name.textProperty().bindBidirectional(row.nameProperty());
            ComboBox<VariableRow.Type> type = new ComboBox<>(FXCollections.observableArrayList(VariableRow.Type.values()));
            type.setId("variable-type-" + index);
            type.valueProperty().bindBidirectional(row.typeProperty());
            type.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            CheckBox required = new CheckBox();
            required.setId("variable-required-" + index);
            required.selectedProperty().bindBidirectional(row.requiredProperty());
            TextField fallback = new TextField();
            fallback.setId("variable-default-" + index);
            fallback.setPrefColumnCount(6);
            fallback.setPromptText("none");
            fallback.textProperty().bindBidirectional(row.defaultValueProperty());
            CheckBox ask = new CheckBox();
            ask.setId("variable-ask-" + index);
            ask.selectedProperty().bindBidirectional(row.askBeforeChatProperty());
            Button remove = new Button("Remove");
            remove.getStyleClass().add("link-button");
            remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            remove.setOnAction(event -> viewModel.remove(row));
            Node[] cells = {name, type, required, fallback, ask, remove};
            for (int c = 0; c < cells.length; c++) {
                table.add(cells[c], c, r);
                GridPane.setHalignment(cells[c], c == 2 || c == 4 ? javafx.geometry.HPos.CENTER : javafx.geometry.HPos.LEFT);
            }
            r++;
        }
        table.setAlignment(Pos.TOP_LEFT);
    }
}
