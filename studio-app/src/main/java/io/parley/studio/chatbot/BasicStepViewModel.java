package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/** Basic: the chatbot's name, what it is for, and its category. */
public final class BasicStepViewModel extends DraftStep {

    /** A category: the value stored in the draft and the words shown for it. */
    public record Category(String id, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static final List<Category> CATEGORIES = List.of(
            new Category("customer_support", "Customer support"),
            new Category("sales", "Sales"),
            new Category("internal", "Internal help desk"),
            new Category("education", "Education"),
            new Category("other", "Something else"));

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<Category> category = new SimpleObjectProperty<>(CATEGORIES.get(0));

    BasicStepViewModel(DraftAutoSave autoSave) {
        super(autoSave);
        saveOn(() -> Fragments.of("name", name.get().strip()), name);
        saveOn(() -> Fragments.of("description", description.get().strip()), description);
        saveOn(() -> Fragments.of("category", category.get() == null ? null : category.get().id()), category);
    }

    @Override
    void fill(JsonNode data) {
        name.set(text(data.path("name"), ""));
        description.set(text(data.path("description"), ""));
        String saved = text(data.path("category"), CATEGORIES.get(0).id());
        category.set(CATEGORIES.stream().filter(c -> c.id().equals(saved)).findFirst()
                .orElse(new Category(saved, saved)));
    }

    @Override
    public BooleanExpression completeProperty() {
        return BooleanExpression.booleanExpression(Bindings.createBooleanBinding(
                () -> !name.get().isBlank(), name));
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObjectProperty<Category> categoryProperty() {
        return category;
    }
}
