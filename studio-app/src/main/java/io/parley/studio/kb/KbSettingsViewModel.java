package io.parley.studio.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.KnowledgeBaseApi.KnowledgeBase;
import io.parley.studio.api.KnowledgeBaseApi.ModelOption;
import io.parley.studio.api.KnowledgeBaseApi.Options;
import io.parley.studio.api.KnowledgeBaseApi.StrategyOption;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.kb.RetrievalTestViewModel.Method;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A knowledge base's settings: name and description, the model and chunking (changing either
 * processes every document again, which the view says before saving), and the search defaults
 * chatbots get.
 */
public final class KbSettingsViewModel {

    private final KnowledgeBaseApi api;
    private final BackgroundTasks tasks;
    private final String kbId;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObservableList<ModelOption> models = FXCollections.observableArrayList();
    private final ObservableList<StrategyOption> strategies = FXCollections.observableArrayList();
    private final ObjectProperty<ModelOption> model = new SimpleObjectProperty<>();
    private final ObjectProperty<StrategyOption> strategy = new SimpleObjectProperty<>();
    private final IntegerProperty chunkSize = new SimpleIntegerProperty(400);
    private final IntegerProperty chunkOverlap = new SimpleIntegerProperty(50);
    private final ObjectProperty<Method> searchMethod = new SimpleObjectProperty<>(Method.HYBRID);
    private final IntegerProperty topK = new SimpleIntegerProperty(5);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private KnowledgeBase saved;

    KbSettingsViewModel(KnowledgeBaseApi api, BackgroundTasks tasks, String kbId) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.kbId = Objects.requireNonNull(kbId, "kbId");
    }

    /** Loads the options and the knowledge base's current settings into the form. */
    public void load() {
        tasks.run(() -> new Loaded(api.options(), api.get(kbId)), this::fill,
                failure -> message.set(Problems.describe(failure)));
    }

    private record Loaded(Options options, KnowledgeBase kb) {
    }

    private void fill(Loaded loaded) {
        models.setAll(loaded.options().models());
        strategies.setAll(loaded.options().chunkingStrategies());
        show(loaded.kb());
        this.loaded.set(true);
    }

    private void show(KnowledgeBase kb) {
        saved = kb;
        name.set(kb.name());
        description.set(kb.description() == null ? "" : kb.description());
        model.set(models.stream().filter(m -> m.id().equals(kb.embeddingModel())).findFirst().orElse(null));
        JsonNode chunking = kb.chunkingConfig();
        strategy.set(strategies.stream().filter(s -> s.id().equals(chunking.path("strategy").asText()))
                .findFirst().orElse(null));
        chunkSize.set(chunking.path("chunk_size").asInt(400));
        chunkOverlap.set(chunking.path("chunk_overlap").asInt(50));
        JsonNode retrieval = kb.retrievalConfig();
        searchMethod.set(Method.valueOf(retrieval.path("search_method").asText("hybrid").toUpperCase(Locale.ROOT)));
        topK.set(retrieval.path("top_k").asInt(5));
    }

    /** Whether saving would process every document again: the model or the chunking changed. */
    public boolean reprocessingNeeded() {
        return saved != null && (!Objects.equals(modelId(), saved.embeddingModel())
                || !chunking().equals(savedChunking()));
    }

    /** Saves; {@code afterSave} gets the knowledge base as saved (to follow reprocessing). */
    public void save(Consumer<KnowledgeBase> afterSave) {
        if (saved == null || saving.get()) {
            return;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("name", name.get().strip());
        changes.put("description", description.get().strip());
        changes.put("retrieval_config", Map.of("search_method", searchMethod.get().wire(), "top_k", topK.get()));
        if (reprocessingNeeded()) {
            changes.put("embedding_config", Map.of("model", modelId()));
            changes.put("chunking_config", chunking());
        }
        saving.set(true);
        message.set("");
        tasks.run(() -> api.update(kbId, changes), kb -> {
            saving.set(false);
            show(kb);
            message.set("Saved.");
            afterSave.accept(kb);
        }, failure -> {
            saving.set(false);
            message.set(Problems.describe(failure));
        });
    }

    private String modelId() {
        return model.get() == null ? saved.embeddingModel() : model.get().id();
    }

    private Map<String, Object> chunking() {
        Map<String, Object> chunking = new LinkedHashMap<>();
        chunking.put("strategy", strategy.get() == null ? saved.chunkingConfig().path("strategy").asText()
                : strategy.get().id());
        chunking.put("chunk_size", chunkSize.get());
        chunking.put("chunk_overlap", chunkOverlap.get());
        return chunking;
    }

    private Map<String, Object> savedChunking() {
        JsonNode c = saved.chunkingConfig();
        Map<String, Object> chunking = new LinkedHashMap<>();
        chunking.put("strategy", c.path("strategy").asText());
        chunking.put("chunk_size", c.path("chunk_size").asInt());
        chunking.put("chunk_overlap", c.path("chunk_overlap").asInt());
        return chunking;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObservableList<ModelOption> models() {
        return models;
    }

    public ObservableList<StrategyOption> strategies() {
        return strategies;
    }

    public ObjectProperty<ModelOption> modelProperty() {
        return model;
    }

    public ObjectProperty<StrategyOption> strategyProperty() {
        return strategy;
    }

    public IntegerProperty chunkSizeProperty() {
        return chunkSize;
    }

    public IntegerProperty chunkOverlapProperty() {
        return chunkOverlap;
    }

    public ObjectProperty<Method> searchMethodProperty() {
        return searchMethod;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }
}
