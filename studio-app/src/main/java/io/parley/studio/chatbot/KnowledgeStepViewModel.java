package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.KnowledgeBaseApi.KnowledgeBase;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Knowledge: which of the workspace's ready knowledge bases the chatbot searches before it
 * answers. A chatbot may also go without one, which the builder says explicitly (skip).
 */
public final class KnowledgeStepViewModel extends DraftStep {

    private final ObservableList<KbChoice> choices = FXCollections.observableArrayList(KbChoice::observables);
    private final BooleanProperty skipped = new SimpleBooleanProperty(false);
    private final BooleanExpression complete;
    private JsonNode saved = null; // the draft's entries, applied once the knowledge bases are listed
    private boolean listed;
    private final javafx.beans.property.ReadOnlyStringWrapper notReady = new javafx.beans.property.ReadOnlyStringWrapper("");

    KnowledgeStepViewModel(DraftAutoSave autoSave) {
        super(autoSave);
        choices.addListener((ListChangeListener<KbChoice>) change -> {
            boolean edited = false;
            while (change.next()) {
                edited |= change.wasUpdated();
            }
            if (edited) {
                if (choices.stream().anyMatch(c -> c.enabledProperty().get())) {
                    skipped.set(false);
                }
                save(draftEntries());
            }
        });
        complete = BooleanExpression.booleanExpression(Bindings.createBooleanBinding(
                () -> skipped.get() || choices.stream().anyMatch(c -> c.enabledProperty().get()), choices, skipped));
    }

    @Override
    void fill(JsonNode data) {
        JsonNode entries = data.path("knowledge_bases");
        saved = entries.isArray() ? entries : null;
        skipped.set(entries.isArray() && entries.isEmpty());
        apply();
    }

    /** The workspace's knowledge bases; only ready ones (and any the draft already uses) are offered. */
    void showKnowledgeBases(List<KnowledgeBase> all) {
        List<KbChoice> rows = new ArrayList<>();
        int processing = 0;
        for (KnowledgeBase kb : all) {
            boolean used = saved != null && saved.findValuesAsText("kb_id").contains(kb.id());
            if ("ready".equals(kb.status()) || used) {
                int documents = kb.documents() == null ? 0 : kb.documents().total();
                rows.add(new KbChoice(kb.id(), kb.name(), documents + (documents == 1 ? " document" : " documents")
                        + ("ready".equals(kb.status()) ? "" : " · not ready yet")));
            } else {
                processing++;
            }
        }
        notReady.set(processing == 0 ? "" : processing + (processing == 1 ? " knowledge base is" : " knowledge bases are")
                + " still being prepared (or had problems) and will be offered here once ready.");
        boolean wasSkipped = skipped.get();
        choices.setAll(rows);
        load(savedAsData());
        if (listed) {
            skipped.set(wasSkipped); // unticking everything is not skipping, though the draft holds both as []
        }
        listed = true;
    }

    private JsonNode savedAsData() {
        com.fasterxml.jackson.databind.node.ObjectNode data =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (saved != null) {
            data.set("knowledge_bases", saved);
        }
        return data;
    }

    private void apply() {
        if (saved == null) {
            return;
        }
        for (KbChoice choice : choices) {
            choice.enabledProperty().set(false);
            for (JsonNode entry : saved) {
                if (choice.kbId().equals(entry.path("kb_id").asText())) {
                    choice.enabledProperty().set(entry.path("enabled").asBoolean(true));
                    JsonNode override = entry.path("override_retrieval");
                    choice.advancedProperty().set(override.isObject());
                    choice.topKProperty().set(override.path("top_k").asInt(5));
                    choice.setMethod(override.path("search_method").asText("hybrid"));
                }
            }
        }
    }

    /** Goes on without a knowledge base: the chatbot answers from its instructions alone. */
    public void skip() {
        choices.forEach(c -> c.enabledProperty().set(false));
        skipped.set(true);
        saved = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        save(Fragments.of("knowledge_bases", List.of()));
    }

    /**
     * The ticked knowledge bases, and the unticked ones the draft already had or that have their
     * own search settings, kept with {@code enabled: false} so ticking one again brings its
     * settings back.
     */
    Map<String, Object> draftEntries() {
        List<Map<String, Object>> entries = choices.stream()
                .filter(c -> c.enabledProperty().get() || c.advancedProperty().get() || inDraft(c))
                .map(KbChoice::toDraft).toList();
        // What the draft now holds, so listing the knowledge bases again keeps these choices.
        saved = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(entries);
        return Fragments.of("knowledge_bases", entries);
    }

    private boolean inDraft(KbChoice choice) {
        return saved != null && saved.findValuesAsText("kb_id").contains(choice.kbId());
    }

    @Override
    public BooleanExpression completeProperty() {
        return complete;
    }

    public ObservableList<KbChoice> choices() {
        return choices;
    }

    /** Says how many knowledge bases are not offered because they are not ready. */
    public javafx.beans.property.ReadOnlyStringProperty notReadyProperty() {
        return notReady.getReadOnlyProperty();
    }

    public BooleanProperty skippedProperty() {
        return skipped;
    }
}
