package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * Variables: values the system prompt can use, such as the visitor's name, with a type, a
 * default, and whether the widget asks for them before the chat. Optional, so always complete.
 */
public final class VariablesStepViewModel extends DraftStep {

    private final ObservableList<VariableRow> variables = FXCollections.observableArrayList(VariableRow::observables);
    private final BooleanExpression complete = new SimpleBooleanProperty(true);

    VariablesStepViewModel(DraftAutoSave autoSave) {
        super(autoSave);
        variables.addListener((ListChangeListener<VariableRow>) change -> save(Fragments.of("variables",
                variables.stream().filter(v -> !v.nameProperty().get().isBlank()).map(VariableRow::toDraft).toList())));
    }

    @Override
    void fill(JsonNode data) {
        List<VariableRow> rows = new ArrayList<>();
        for (JsonNode saved : data.path("variables")) {
            VariableRow row = new VariableRow(saved.path("name").asText(""));
            row.typeProperty().set(VariableRow.Type.of(saved.path("type").asText("text")));
            row.requiredProperty().set(saved.path("required").asBoolean(false));
            row.defaultValueProperty().set(text(saved.path("default"), ""));
            row.askBeforeChatProperty().set(saved.path("collect_before_chat").asBoolean(false));
            rows.add(row);
        }
        variables.setAll(rows);
    }

    /** Adds a variable with a name not yet used ({@code variable_1}, …) and returns it. */
    public VariableRow add() {
        int n = variables.size() + 1;
        while (names().contains("variable_" + n)) {
            n++;
        }
        VariableRow row = new VariableRow("variable_" + n);
        variables.add(row);
        return row;
    }

    public void remove(VariableRow row) {
        variables.remove(row);
    }

    /** The names the prompt can use, in order. */
    public List<String> names() {
        return variables.stream().map(v -> v.nameProperty().get().strip()).filter(n -> !n.isEmpty()).toList();
    }

    @Override
    public BooleanExpression completeProperty() {
        return complete;
    }

    public ObservableList<VariableRow> variables() {
        return variables;
    }
}
