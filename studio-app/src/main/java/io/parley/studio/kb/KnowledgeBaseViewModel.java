package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.KnowledgeBaseApi.Annotations;
import io.parley.studio.api.KnowledgeBaseApi.Crawl;
import io.parley.studio.api.KnowledgeBaseApi.Document;
import io.parley.studio.api.KnowledgeBaseApi.KnowledgeBase;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.page.Page;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A knowledge base's page: its documents with their processing status (followed live while
 * anything is being processed), adding, removing and re-processing documents, their
 * annotations, and the retrieval test.
 */
public final class KnowledgeBaseViewModel implements Page, SourceSink {

    static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final KnowledgeBaseApi api;
    private final BackgroundTasks tasks;
    private final Scheduler scheduler;
    private final KbNavigation navigation;
    private final String kbId;
    private final RetrievalTestViewModel retrieval;
    private final KbSettingsViewModel settings;

    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("Loading…");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper processing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ObservableList<DocumentRow> documents = FXCollections.observableArrayList();

    private Scheduler.Cancellable polling;
    private boolean loading;
    private boolean refreshAgain; // asked while a load was under way, whose answer may predate the change
    private int uploadsRunning;
    private boolean left;

    public KnowledgeBaseViewModel(KnowledgeBaseApi api, BackgroundTasks tasks, Scheduler scheduler,
                                  KbNavigation navigation, String kbId, ObservableList<PastQuery> retrievalLog) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.kbId = Objects.requireNonNull(kbId, "kbId");
        this.retrieval = new RetrievalTestViewModel(api, tasks, kbId, retrievalLog);
        this.settings = new KbSettingsViewModel(api, tasks, kbId);
    }

    /** Loads the page and follows processing until every document has settled. */
    public void open() {
        refresh();
    }

    @Override
    public void leave() {
        left = true;
        stopPolling();
    }

    public void refresh() {
        if (left) {
            return;
        }
        if (loading) {
            refreshAgain = true;
            return;
        }
        loading = true;
        tasks.run(() -> new Snapshot(api.get(kbId), api.documents(kbId)), snapshot -> {
            loading = false;
            show(snapshot);
            if (refreshAgain) {
                refreshAgain = false;
                refresh();
            }
        }, failure -> {
            loading = false;
            refreshAgain = false;
            problem.set(Problems.describe(failure));
            stopPolling();
        });
    }

    private record Snapshot(KnowledgeBase kb, List<Document> documents) {
    }

    private void show(Snapshot snapshot) {
        problem.set("");
        loaded.set(true);
        KnowledgeBase kb = snapshot.kb();
        name.set(kb.name());
        description.set(kb.description() == null ? "" : kb.description());
        // Failures first, then what is still being processed: what needs the builder is on top.
        List<DocumentRow> rows = snapshot.documents().stream().map(DocumentRow::of)
                .sorted(java.util.Comparator.comparingInt(DocumentRow::attentionOrder)).toList();
        documents.setAll(rows);
        facts.set(count(rows.size(), "document") + " · " + count(kb.chunkCount(), "chunk") + " · model "
                + kb.embeddingModel());
        long settled = rows.stream().filter(DocumentRow::settled).count();
        long failed = rows.stream().filter(r -> r.status() == DocumentRow.Status.ERROR).count();
        boolean busy = settled < rows.size() || uploadsRunning > 0;
        processing.set(busy);
        progress.set(rows.isEmpty() ? 0 : (double) settled / rows.size());
        progressText.set(busy
                ? "Processing: " + settled + " of " + rows.size() + " documents done"
                : rows.isEmpty() ? "No documents yet: add some to start."
                : failed == 0 ? "All documents are ready to search."
                : count((int) failed, "document") + " could not be processed; see below.");
        if (busy && !left) {
            startPolling();
        } else {
            stopPolling();
        }
    }

    private void startPolling() {
        if (polling == null) {
            polling = scheduler.every(POLL_EVERY, this::refresh);
        }
    }

    private void stopPolling() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
    }

    // ---- adding documents

    @Override
    public void addFiles(List<Path> picked) {
        tasks.run(() -> SupportedFiles.expand(picked), files -> files.forEach(file ->
                changeThenRefresh("Adding " + file.getFileName() + "…", () -> api.addDocument(kbId, file))),
                failure -> problem.set(Problems.describe(failure)));
    }

    @Override
    public void addWebsite(String url, Crawl crawl) {
        changeThenRefresh("Fetching " + url.strip() + "…", () -> api.addDocumentWebsite(kbId, url.strip(), crawl));
    }

    @Override
    public void addText(String title, String text) {
        String named = title.isBlank() ? "Pasted text" : title.strip();
        changeThenRefresh("Adding " + named + "…", () -> api.addDocumentText(kbId, named, text));
    }

    // ---- changing documents

    /** Parses, chunks and embeds a document again: the retry for one that failed. */
    public void reprocess(DocumentRow row) {
        changeThenRefresh("Processing " + row.name() + " again…", () -> api.reindexDocument(kbId, row.id()));
    }

    public void remove(DocumentRow row) {
        changeThenRefresh("Removing " + row.name() + "…", () -> {
            api.removeDocument(kbId, row.id());
            return null;
        });
    }

    /** Importance from 0.5 (background) to 2 (authoritative), and tags that boost matching searches. */
    public void annotate(DocumentRow row, double importance, List<String> tags) {
        changeThenRefresh("Saving " + row.name() + "…", () -> api.annotate(kbId, row.id(),
                new Annotations(importance, tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList())));
    }

    /** Deletes the whole knowledge base and goes back to the list; the view asks first. */
    public void delete() {
        tasks.run(() -> {
            api.delete(kbId);
            return null;
        }, done -> {
            leave();
            navigation.showKnowledgeBases();
        }, failure -> problem.set(Problems.describe(failure)));
    }

    public void back() {
        leave();
        navigation.showKnowledgeBases();
    }

    private void changeThenRefresh(String doing, Callable<?> change) {
        uploadsRunning++;
        notice.set(doing);
        problem.set("");
        tasks.run(change, done -> {
            uploadsRunning--;
            notice.set(uploadsRunning > 0 ? notice.get() : "");
            refresh();
        }, failure -> {
            uploadsRunning--;
            notice.set("");
            problem.set(Problems.describe(failure));
            refresh();
        });
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- state for the view

    public String kbId() {
        return kbId;
    }

    /** Saves the settings, then follows the reprocessing a new model or chunking starts. */
    public void saveSettings() {
        settings.save(saved -> refresh());
    }

    public KbSettingsViewModel settings() {
        return settings;
    }

    public RetrievalTestViewModel retrieval() {
        return retrieval;
    }

    public ObservableList<DocumentRow> documents() {
        return documents;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** False until the first answer from the server: until then an empty list means nothing. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty processingProperty() {
        return processing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
