package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.KnowledgeBaseApi.DraftSummary;
import io.parley.studio.api.KnowledgeBaseApi.KnowledgeBase;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.home.HomeItem;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.page.Page;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private final Map<String, DraftSummary> drafts = new HashMap<>();
    private final RetrievalLogs logs;

    /** @param logs where retrieval-test logs are kept between runs of the studio */
    public KnowledgeBaseScreens(KnowledgeBaseApi api, BackgroundTasks tasks, Scheduler scheduler,
                                SectionViewModel section, Consumer<Page> show, RetrievalLogs logs) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.section = Objects.requireNonNull(section, "section");
        this.show = Objects.requireNonNull(show, "show");
        section.enable(this::newKnowledgeBase, this::open);
    }

    /** Unfinished drafts first (they need the builder), then the knowledge bases. */
    public void refreshList() {
        tasks.run(() -> new Listing(api.drafts(), api.list()), listing -> {
            drafts.clear();
            List<HomeItem> items = new ArrayList<>();
            for (DraftSummary draft : listing.drafts()) {
                drafts.put(draft.id(), draft);
                items.add(item(draft));
            }
            listing.knowledgeBases().forEach(kb -> items.add(item(kb)));
            section.show(items);
        }, failure -> section.loadFailed("Could not load the knowledge bases: " + Problems.describe(failure)));
    }

    private record Listing(List<DraftSummary> drafts, List<KnowledgeBase> knowledgeBases) {
    }

    private void open(HomeItem item) {
        DraftSummary draft = item.draft() ? drafts.get(item.id()) : null;
        if (draft == null) {
            openKnowledgeBase(item.id());
            return;
        }
        KbWizardViewModel wizard = new KbWizardViewModel(api, tasks, scheduler, this);
        wizard.resume(draft);
        show.accept(wizard);
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
        ObservableList<PastQuery> log = retrievalLogs.computeIfAbsent(kbId, this::loadLog);
        KnowledgeBaseViewModel page = new KnowledgeBaseViewModel(api, tasks, scheduler, this, kbId, log);
        show.accept(page);
        page.open();
    }

    private ObservableList<PastQuery> loadLog(String kbId) {
        ObservableList<PastQuery> log = FXCollections.observableArrayList(logs.load(kbId));
        log.addListener((ListChangeListener<PastQuery>) change -> {
            List<PastQuery> snapshot = List.copyOf(log);
            tasks.run(() -> {
                logs.save(kbId, snapshot);
                return null;
            }, done -> { }, failed -> { }); // RetrievalLogs logs its own failures
        });
        return log;
    }

    private static HomeItem item(DraftSummary draft) {
        String name = draft.data().path("name").asText("");
        int sources = draft.data().path("sources").size();
        return new HomeItem(draft.id(), name.isBlank() ? "Untitled knowledge base" : name,
                "Draft, not created yet · " + sources + (sources == 1 ? " source" : " sources")
                        + " · click to continue", true);
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
