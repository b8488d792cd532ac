package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.KnowledgeBaseApi.ChunkPreview;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.KnowledgeBaseApi.Crawl;
import io.parley.studio.api.KnowledgeBaseApi.DraftSummary;
import io.parley.studio.api.KnowledgeBaseApi.Issue;
import io.parley.studio.api.KnowledgeBaseApi.ModelOption;
import io.parley.studio.api.KnowledgeBaseApi.Options;
import io.parley.studio.api.KnowledgeBaseApi.PreviewChunk;
import io.parley.studio.api.KnowledgeBaseApi.Source;
import io.parley.studio.api.KnowledgeBaseApi.StrategyOption;
import io.parley.studio.api.KnowledgeBaseApi.Validation;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Debouncer;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.page.Page;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The new-knowledge-base wizard: name → sources → chunking (with a live preview) → model →
 * review and create. Everything the builder does is saved to a server-side draft as they go,
 * so the preview and validation are the server's own; creating finalizes the draft and opens
 * the new knowledge base, where ingestion progress shows.
 */
public final class KbWizardViewModel implements Page, SourceSink {

    public enum Step {
        NAME("Name"), SOURCES("Sources"), CHUNKING("Chunking"), MODEL("Model"), REVIEW("Review");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    static final Duration PREVIEW_DELAY = Duration.ofMillis(400);
    static final int PREVIEW_LIMIT = 30;

    private final KnowledgeBaseApi api;
    private final BackgroundTasks tasks;
    private final KbNavigation navigation;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.NAME);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ObservableList<SourceRow> sources = FXCollections.observableArrayList();
    private final AtomicInteger localKeys = new AtomicInteger();

    private final ObservableList<StrategyOption> strategies = FXCollections.observableArrayList();
    private final ObservableList<ModelOption> models = FXCollections.observableArrayList();
    private final ObjectProperty<StrategyOption> strategy = new SimpleObjectProperty<>();
    private final IntegerProperty chunkSize = new SimpleIntegerProperty(400);
    private final IntegerProperty chunkOverlap = new SimpleIntegerProperty(50);
    private final ObjectProperty<ModelOption> model = new SimpleObjectProperty<>();
    private final ObservableList<PreviewChunk> previewChunks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(false);
    private final Debouncer chunkingChanged;
    private final AtomicInteger previewGeneration = new AtomicInteger();

    private final ReadOnlyObjectWrapper<Validation> validation = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty nextAllowed = new SimpleBooleanProperty();
    private String draftId;
    private JsonNode resumed; // the saved settings of a draft being continued, applied once options load
    private boolean left;

    public KbWizardViewModel(KnowledgeBaseApi api, BackgroundTasks tasks, Scheduler scheduler,
                             KbNavigation navigation) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.chunkingChanged = new Debouncer(scheduler, PREVIEW_DELAY, this::saveChunkingAndPreview);
        strategy.addListener((obs, was, is) -> chunkingEdited());
        chunkSize.addListener((obs, was, is) -> chunkingEdited());
        chunkOverlap.addListener((obs, was, is) -> chunkingEdited());
        model.addListener((obs, was, is) -> modelChosen(is));
        nextAllowed.bind(nextAllowedBinding());
    }

    private BooleanBinding nextAllowedBinding() {
        BooleanBinding uploading = Bindings.createBooleanBinding(
                () -> sources.stream().anyMatch(s -> s.state() == SourceRow.State.ADDING), sources);
        BooleanBinding someAdded = Bindings.createBooleanBinding(
                () -> sources.stream().anyMatch(s -> s.state() == SourceRow.State.ADDED), sources);
        return Bindings.createBooleanBinding(() -> {
            if (busy.get()) {
                return false;
            }
            return switch (step.get()) {
                case NAME -> !name.get().isBlank();
                case SOURCES -> someAdded.get() && !uploading.get();
                case CHUNKING -> strategy.get() != null;
                case MODEL -> model.get() != null;
                case REVIEW -> validation.get() != null && validation.get().valid();
            };
        }, busy, step, name, someAdded, uploading, strategy, model, validation);
    }

    /**
     * Continues a draft saved earlier: its name, sources and settings come back, and the builder
     * lands on the sources step.
     */
    public void resume(DraftSummary draft) {
        JsonNode data = draft.data();
        draftId = draft.id();
        resumed = data;
        name.set(data.path("name").asText(""));
        description.set(data.path("description").asText(""));
        List<SourceRow> rows = new ArrayList<>();
        for (JsonNode source : data.path("sources")) {
            SourceRow row = SourceRow.adding(nextKey(), source.path("type").asText(), source.path("name").asText());
            rows.add(row.added(source.path("id").asText(), describe(source)));
        }
        sources.setAll(rows);
        chunkSize.set(data.path("chunking_config").path("chunk_size").asInt(chunkSize.get()));
        chunkOverlap.set(data.path("chunking_config").path("chunk_overlap").asInt(chunkOverlap.get()));
        step.set(Step.SOURCES);
    }

    // ---- moving through the steps

    /** Saves this step and moves to the next; on the last step, creates the knowledge base. */
    public void next() {
        if (!nextAllowed.get()) {
            return;
        }
        problem.set("");
        switch (step.get()) {
            case NAME -> saveName();
            case SOURCES -> enterChunking();
            case CHUNKING -> {
                chunkingChanged.cancel();
                saveChunkingAndPreview();
                step.set(Step.MODEL);
            }
            case MODEL -> enterReview();
            case REVIEW -> create();
        }
    }

    public void back() {
        if (step.get().ordinal() > 0 && !busy.get()) {
            problem.set("");
            step.set(Step.values()[step.get().ordinal() - 1]);
        }
    }

    /** Abandons the wizard: the draft and its uploaded files are deleted. */
    public void cancel() {
        String abandoned = draftId;
        draftId = null;
        leave();
        if (abandoned != null) {
            tasks.run(() -> {
                api.deleteDraft(abandoned);
                return null;
            }, done -> { }, failed -> { }); // an abandoned draft also expires on its own
        }
        navigation.showKnowledgeBases();
    }

    @Override
    public void leave() {
        left = true;
        chunkingChanged.cancel();
    }

    private void saveName() {
        String chosen = name.get().strip();
        String about = description.get().strip();
        busy.set(true);
        tasks.run(() -> {
            if (draftId == null) {
                return api.createDraft(chosen, about);
            }
            api.updateDraft(draftId, Map.of("name", chosen, "description", about));
            return draftId;
        }, id -> {
            busy.set(false);
            draftId = id;
            step.set(Step.SOURCES);
        }, this::failed);
    }

    private void enterChunking() {
        step.set(Step.CHUNKING);
        if (strategies.isEmpty()) {
            busy.set(true);
            tasks.run(api::options, this::optionsLoaded, this::failed);
        } else {
            chunkingEdited();
        }
    }

    private void optionsLoaded(Options options) {
        busy.set(false);
        strategies.setAll(options.chunkingStrategies());
        models.setAll(options.models());
        // A continued draft keeps its choices; else the defaults. Setting them fires the
        // listeners, which save and preview once.
        String savedStrategy = resumed == null ? "" : resumed.path("chunking_config").path("strategy").asText("");
        String savedModel = resumed == null ? "" : resumed.path("embedding_config").path("model").asText("");
        strategy.set(options.chunkingStrategies().stream().filter(s -> s.id().equals(savedStrategy)).findFirst()
                .or(() -> options.chunkingStrategies().stream().filter(StrategyOption::isDefault).findFirst())
                .orElse(options.chunkingStrategies().get(0)));
        model.set(options.models().stream().filter(m -> m.id().equals(savedModel)).findFirst()
                .or(() -> options.models().stream().filter(ModelOption::isDefault).findFirst())
                .orElse(options.models().get(0)));
    }

    private void enterReview() {
        step.set(Step.REVIEW);
        validation.set(null);
        busy.set(true);
        String id = draftId;
        tasks.run(() -> api.validate(id), result -> {
            busy.set(false);
            validation.set(result);
        }, this::failed);
    }

    private void create() {
        busy.set(true);
        String id = draftId;
        tasks.run(() -> api.finalizeDraft(id), finalized -> {
            busy.set(false);
            draftId = null;
            leave();
            navigation.openKnowledgeBase(finalized.kbId());
        }, this::failed);
    }

    private void failed(Throwable failure) {
        busy.set(false);
        problem.set(Problems.describe(failure));
    }

    // ---- sources

    @Override
    public void addFiles(List<Path> picked) {
        tasks.run(() -> SupportedFiles.expand(picked), files -> {
            if (files.isEmpty()) {
                problem.set("Nothing to add: the folder has no files Parley can read ("
                        + String.join(", ", SupportedFiles.EXTENSIONS.stream().sorted().toList()) + ").");
            }
            files.forEach(this::upload);
        }, this::failed);
    }

    private void upload(Path file) {
        SourceRow row = SourceRow.adding(nextKey(), "file", file.getFileName().toString());
        sources.add(row);
        String id = draftId;
        tasks.run(() -> api.addFile(id, file), added -> replace(row, row.added(added.id(), describe(added))),
                failure -> replace(row, row.failed(Problems.describe(failure))));
    }

    @Override
    public void addWebsite(String url, Crawl crawl) {
        SourceRow row = SourceRow.adding(nextKey(), "website", url.strip());
        sources.add(row);
        String id = draftId;
        tasks.run(() -> api.addWebsite(id, url.strip(), crawl),
                added -> replace(row, row.added(added.id(), "Web site · up to " + crawl.maxPages() + " pages")),
                failure -> replace(row, row.failed(Problems.describe(failure))));
    }

    @Override
    public void addText(String title, String text) {
        SourceRow row = SourceRow.adding(nextKey(), "text", title.isBlank() ? "Pasted text" : title.strip());
        sources.add(row);
        String id = draftId;
        tasks.run(() -> api.addText(id, row.name(), text), added -> replace(row, row.added(added.id(), describe(added))),
                failure -> replace(row, row.failed(Problems.describe(failure))));
    }

    public void removeSource(SourceRow row) {
        if (row.state() != SourceRow.State.ADDED) {
            sources.remove(row);
            return;
        }
        String id = draftId;
        tasks.run(() -> {
            api.removeSource(id, row.id());
            return row;
        }, sources::remove, failure -> problem.set(Problems.describe(failure)));
    }

    private void replace(SourceRow was, SourceRow is) {
        int at = sources.indexOf(was);
        if (at >= 0) {
            sources.set(at, is);
        }
    }

    private String nextKey() {
        return "source-" + localKeys.incrementAndGet();
    }

    private static String describe(Source source) {
        return describe(source.type(), source.sizeBytes());
    }

    private static String describe(JsonNode source) {
        JsonNode size = source.path("size_bytes");
        return describe(source.path("type").asText(), size.isNumber() ? size.asLong() : null);
    }

    private static String describe(String type, Long sizeBytes) {
        String kind = switch (type) {
            case "file" -> "File";
            case "text" -> "Text";
            default -> "Web site";
        };
        return sizeBytes == null || "url".equals(type) ? kind : kind + " · " + Sizes.human(sizeBytes);
    }

    // ---- chunking and model

    private void chunkingEdited() {
        if (step.get() == Step.CHUNKING && strategy.get() != null) {
            previewing.set(true);
            chunkingChanged.poke();
        }
    }

    private void saveChunkingAndPreview() {
        if (left || draftId == null || strategy.get() == null) {
            return;
        }
        int generation = previewGeneration.incrementAndGet();
        String id = draftId;
        Map<String, Object> chunking = Map.of("strategy", strategy.get().id(), "chunk_size", chunkSize.get(),
                "chunk_overlap", chunkOverlap.get());
        previewing.set(true);
        tasks.run(() -> {
            api.updateDraft(id, Map.of("chunking_config", chunking));
            return api.previewChunks(id, PREVIEW_LIMIT);
        }, preview -> {
            if (generation == previewGeneration.get()) {
                showPreview(preview);
            }
        }, failure -> {
            if (generation == previewGeneration.get()) {
                previewing.set(false);
                previewChunks.clear();
                previewSummary.set("");
                previewProblem.set(Problems.describe(failure));
            }
        });
    }

    private void showPreview(ChunkPreview preview) {
        previewing.set(false);
        previewChunks.setAll(preview.chunks());
        String shown = preview.chunks().size() < preview.totalChunks()
                ? " (the first " + preview.chunks().size() + " shown)" : "";
        previewSummary.set(preview.totalChunks() + (preview.totalChunks() == 1 ? " chunk" : " chunks") + shown);
        previewProblem.set(preview.problems() == null ? "" : String.join("\n", preview.problems().stream()
                .map(p -> p.sourceName() + ": " + p.message()).toList()));
    }

    private void modelChosen(ModelOption chosen) {
        if (chosen == null || draftId == null) {
            return;
        }
        String id = draftId;
        tasks.run(() -> {
            api.updateDraft(id, Map.of("embedding_config", Map.of("model", chosen.id())));
            return null;
        }, done -> { }, this::failed);
    }

    // ---- state for the view

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanProperty nextAllowedProperty() {
        return nextAllowed;
    }

    public ObservableList<SourceRow> sources() {
        return sources;
    }

    public ObservableList<StrategyOption> strategies() {
        return strategies;
    }

    public ObservableList<ModelOption> models() {
        return models;
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

    public ObjectProperty<ModelOption> modelProperty() {
        return model;
    }

    public ObservableList<PreviewChunk> previewChunks() {
        return previewChunks;
    }

    public ReadOnlyStringProperty previewSummaryProperty() {
        return previewSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewProblemProperty() {
        return previewProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** The review step's summary lines. */
    public List<String> summary() {
        long added = sources.stream().filter(s -> s.state() == SourceRow.State.ADDED).count();
        return List.of(
                "Name: " + name.get().strip(),
                "Sources: " + added,
                "Chunking: " + (strategy.get() == null ? "" : strategy.get().name()) + ", " + chunkSize.get()
                        + " tokens per chunk, " + chunkOverlap.get() + " overlap",
                "Model: " + (model.get() == null ? "" : model.get().id()));
    }

    static String issues(List<Issue> issues) {
        return String.join("\n", issues.stream().map(Issue::message).toList());
    }
}
