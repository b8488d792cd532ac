package io.parley.studio.chatbot;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Map;

/** One variable of the chatbot: a value its prompt can use as {@code {{name}}}. */
public final class VariableRow {

    public enum Type {
        TEXT("text", "Text"), EMAIL("email", "Email"), NUMBER("number", "Number");

        private final String value;
        private final String label;

        Type(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return label;
        }

        static Type of(String value) {
            for (Type type : values()) {
                if (type.value.equals(value)) {
                    return type;
                }
            }
            return TEXT;
        }
    }

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Type> type = new SimpleObjectProperty<>(Type.TEXT);
    private final BooleanProperty required = new SimpleBooleanProperty(false);
    private final StringProperty defaultValue = new SimpleStringProperty("");
    private final BooleanProperty askBeforeChat = new SimpleBooleanProperty(false);

    VariableRow(String name) {
        this.name.set(name);
    }

    Observable[] observables() {
        return new Observable[] {name, type, required, defaultValue, askBeforeChat};
    }

    Map<String, Object> toDraft() {
        return Fragments.of("name", name.get().strip(), "type", type.get().value(), "required", required.get(),
                "default", defaultValue.get(), "collect_before_chat", askBeforeChat.get());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Type> typeProperty() {
        return type;
    }

    public BooleanProperty requiredProperty() {
        return required;
    }

    public StringProperty defaultValueProperty() {
        return defaultValue;
    }

    public BooleanProperty askBeforeChatProperty() {
        return askBeforeChat;
    }
}
