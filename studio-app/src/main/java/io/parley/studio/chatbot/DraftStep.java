package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.Observable;
import javafx.beans.binding.BooleanExpression;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One step of the chatbot builder: its fields as properties, filled from the draft, each edit
 * handed to auto-save as the piece of the document it changes.
 */
abstract class DraftStep {

    private final DraftAutoSave autoSave;
    private boolean loading;

    DraftStep(DraftAutoSave autoSave) {
        this.autoSave = Objects.requireNonNull(autoSave, "autoSave");
    }

    /** Fills the fields from the draft document without saving them back. */
    public final void load(JsonNode data) {
        loading = true;
        try {
            fill(data);
        } finally {
            loading = false;
        }
    }

    abstract void fill(JsonNode data);

    /** Whether the builder has done what this step asks (its mark in the sidebar). */
    public abstract BooleanExpression completeProperty();

    /** Saves {@code fragment} whenever one of {@code sources} changes (not while loading). */
    final void saveOn(Supplier<Map<String, Object>> fragment, Observable... sources) {
        for (Observable source : sources) {
            source.addListener(changed -> save(fragment.get()));
        }
    }

    final void save(Map<String, Object> fragment) {
        if (!loading) {
            autoSave.change(fragment);
        }
    }

    final boolean loading() {
        return loading;
    }

    static String text(JsonNode node, String fallback) {
        return node == null || node.isMissingNode() || node.isNull() ? fallback : node.asText(fallback);
    }
}
