package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.KnowledgeBaseApi.SearchHit;
import io.parley.studio.api.KnowledgeBaseApi.SearchResults;
import io.parley.studio.concurrent.BackgroundTasks;
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

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * The retrieval test: ask the knowledge base something, with keyword, vector or hybrid search,
 * and see what a chatbot would be given. Every query goes in a log, newest first, which lasts as
 * long as the studio is open and can be re-run with a click.
 */
public final class RetrievalTestViewModel {

    public enum Method {
        HYBRID("Hybrid", "Both together: usually the best."),
        KEYWORD("Keyword", "Finds the exact words you type, like a search engine."),
        VECTOR("Meaning (vector)", "Finds passages that mean the same, even in other words.");

        private final String label;
        private final String explanation;

        Method(String label, String explanation) {
            this.label = label;
            this.explanation = explanation;
        }

        public String label() {
            return label;
        }

        public String explanation() {
            return explanation;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int MAX_QUERY_CHARS = 2000;

    private final KnowledgeBaseApi api;
    private final BackgroundTasks tasks;
    private final String kbId;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<Method> method = new SimpleObjectProperty<>(Method.HYBRID);
    private final IntegerProperty topK = new SimpleIntegerProperty(5);
    private final ObservableList<SearchHit> results = FXCollections.observableArrayList();
    private final ObservableList<PastQuery> log;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

    RetrievalTestViewModel(KnowledgeBaseApi api, BackgroundTasks tasks, String kbId, ObservableList<PastQuery> log) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.kbId = Objects.requireNonNull(kbId, "kbId");
        this.log = Objects.requireNonNull(log, "log");
    }

    public void search() {
        String asked = query.get().strip();
        if (asked.isEmpty()) {
            message.set("Type a question or a few words to search for.");
            return;
        }
        if (asked.length() > MAX_QUERY_CHARS) {
            message.set("That is too long for a search: keep it under " + MAX_QUERY_CHARS + " characters.");
            return;
        }
        if (running.get()) {
            return;
        }
        Method how = method.get();
        int k = topK.get();
        running.set(true);
        message.set("");
        tasks.run(() -> api.search(kbId, asked, how.wire(), k), found -> show(asked, how, k, found), failure -> {
            running.set(false);
            results.clear();
            message.set(Problems.describe(failure));
        });
    }

    /** Runs a past query again, with the method and count it had. */
    public void rerun(PastQuery past) {
        query.set(past.query());
        method.set(past.method());
        topK.set(past.topK());
        search();
    }

    private void show(String asked, Method how, int k, SearchResults found) {
        running.set(false);
        results.setAll(found.results());
        double top = found.results().isEmpty() ? 0 : found.results().get(0).score();
        log.add(0, new PastQuery(asked, how, k, found.results().size(), top, found.tookMs(), LocalDateTime.now()));
        String indexing = found.indexing() != null && found.indexing().inProgress()
                ? "Still processing: these come from " + found.indexing().documentsReady() + " of "
                + found.indexing().documentsTotal() + " documents. " : "";
        message.set(indexing + (found.results().isEmpty() ? "Nothing found. Try other words or another method."
                : found.results().size() + (found.results().size() == 1 ? " passage" : " passages") + " in "
                + found.tookMs() + " ms"));
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<Method> methodProperty() {
        return method;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObservableList<SearchHit> results() {
        return results;
    }

    public ObservableList<PastQuery> log() {
        return log;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
