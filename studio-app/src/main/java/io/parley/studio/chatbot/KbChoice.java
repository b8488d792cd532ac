package io.parley.studio.chatbot;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One knowledge base in the Knowledge step's checklist: whether the chatbot searches it, and an
 * optional override of how (how many passages, which kind of search).
 */
public final class KbChoice {

    /** How passages are found: the value in the draft and the words for it. */
    public enum SearchMethod {
        HYBRID("hybrid", "Both (recommended)"), KEYWORD("keyword", "Exact words"), MEANING("vector", "Meaning");

        private final String value;
        private final String label;

        SearchMethod(String value, String label) {
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

        static SearchMethod of(String value) {
            for (SearchMethod method : values()) {
                if (method.value.equals(value) || method.name().equalsIgnoreCase(value)) {
                    return method;
                }
            }
            return HYBRID;
        }
    }

    private final String kbId;
    private final String name;
    private final String detail;
    private final BooleanProperty enabled = new SimpleBooleanProperty(false);
    private final BooleanProperty advanced = new SimpleBooleanProperty(false);
    private final IntegerProperty topK = new SimpleIntegerProperty(5);
    private final ObjectProperty<SearchMethod> method = new SimpleObjectProperty<>(SearchMethod.HYBRID);

    KbChoice(String kbId, String name, String detail) {
        this.kbId = kbId;
        this.name = name;
        this.detail = detail;
    }

    Observable[] observables() {
        return new Observable[] {enabled, advanced, topK, method};
    }

    /** The draft's entry for this knowledge base. */
    Map<String, Object> toDraft() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kb_id", kbId);
        entry.put("enabled", enabled.get());
        if (advanced.get()) {
            entry.put("override_retrieval", Fragments.of("top_k", topK.get(), "search_method", method.get().value()));
        }
        return entry;
    }

    void setMethod(String value) {
        method.set(SearchMethod.of(value));
    }

    public String kbId() {
        return kbId;
    }

    public String name() {
        return name;
    }

    public String detail() {
        return detail;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public BooleanProperty advancedProperty() {
        return advanced;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObjectProperty<SearchMethod> methodProperty() {
        return method;
    }
}
