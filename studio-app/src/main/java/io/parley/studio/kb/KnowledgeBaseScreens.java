package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.KnowledgeBaseApi.KnowledgeBase;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.home.HomeItem;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.page.Page;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The knowledge-base feature of the studio once connected: fills the home section's list, and
 * opens the wizard and each knowledge base's page in the content area.
 */
public final class KnowledgeBaseScreens implements KbNavigation {

    private final KnowledgeBaseApi api;
    private final BackgroundTasks tasks;
    private final Scheduler scheduler;
    private final SectionViewModel section;
    private final Consumer<Page> show;
    // Retrieval-test logs outlive a visit to the page: going back to a knowledge base shows them again.
    private final Map<String, ObservableList<PastQuery>> retrievalLogs = new HashMap<>();

    public KnowledgeBaseScreens(KnowledgeBaseApi api, BackgroundTasks tasks, Scheduler scheduler,
                                SectionViewModel section, Consumer<Page> show) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.section = Objects.requireNonNull(section, "section");
        this.show = Objects.requireNonNull(show, "show");
        section.enable(this::newKnowledgeBase, item -> openKnowledgeBase(item.id()));
    }

    public void refreshList() {
        tasks.run(api::list, list -> section.show(list.stream().map(KnowledgeBaseScreens::item).toList()),
                failure -> section.loadFailed("Could not load the knowledge bases: " + Problems.describe(failure)));
    }

    public void newKnowledgeBase() {
        show.accept(new KbWizardViewModel(api, tasks, scheduler, this));
    }

    @Override
    public void showKnowledgeBases() {
        show.accept(section);
        refreshList();
    }

    @Override
    public void openKnowledgeBase(String kbId) {
        ObservableList<PastQuery> log = retrievalLogs.computeIfAbsent(kbId, id -> FXCollections.observableArrayList());
        KnowledgeBaseViewModel page = new KnowledgeBaseViewModel(api, tasks, scheduler, this, kbId, log);
        show.accept(page);
        page.open();
    }

    private static HomeItem item(KnowledgeBase kb) {
        int total = kb.documents() == null ? 0 : kb.documents().total();
        String state = switch (kb.status() == null ? "" : kb.status()) {
            case "ready" -> "Ready";
            case "processing" -> "Processing…";
            case "error" -> "Some documents failed";
            default -> kb.status();
        };
        return new HomeItem(kb.id(), kb.name(), total + (total == 1 ? " document" : " documents") + " · "
                + kb.chunkCount() + (kb.chunkCount() == 1 ? " chunk" : " chunks") + " · " + state);
    }
}
