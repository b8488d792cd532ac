package io.parley.studio.chatflow;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Draft;
import io.parley.studio.api.ChatflowApi;
import io.parley.studio.api.ChatflowApi.FlowSummary;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.chatbot.Problems;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.home.HomeItem;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.page.Page;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The chatflow feature of the studio once connected: the home section's list (unfinished drafts
 * first, then deployed flows), the builder, each flow's page, and importing flow files.
 */
public final class ChatflowScreens implements ChatflowNavigation {

    private final ChatflowApi api;
    private final KnowledgeBaseApi knowledgeBases;
    private final ChatbotApi chatbots;
    private final BackgroundTasks tasks;
    private final Scheduler scheduler;
    private final Clock clock;
    private final SectionViewModel section;
    private final Consumer<Page> show;
    private final Set<String> draftIds = new HashSet<>();

    public ChatflowScreens(ChatflowApi api, KnowledgeBaseApi knowledgeBases, ChatbotApi chatbots,
                           BackgroundTasks tasks, Scheduler scheduler, Clock clock, SectionViewModel section,
                           Consumer<Page> show) {
        this.api = Objects.requireNonNull(api, "api");
        this.knowledgeBases = Objects.requireNonNull(knowledgeBases, "knowledgeBases");
        this.chatbots = Objects.requireNonNull(chatbots, "chatbots");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.section = Objects.requireNonNull(section, "section");
        this.show = Objects.requireNonNull(show, "show");
        section.enable(this::newChatflow, this::open);
        section.enableImport(this::importFile);
    }

    public void refreshList() {
        tasks.run(() -> new Listing(api.drafts(), api.list()), listing -> {
            draftIds.clear();
            List<HomeItem> items = new ArrayList<>();
            for (Draft draft : listing.drafts()) {
                draftIds.add(draft.id());
                items.add(item(draft));
            }
            listing.flows().forEach(flow -> items.add(item(flow)));
            section.show(items);
        }, failure -> section.loadFailed("Could not load the chatflows: " + Problems.describe(failure)));
    }

    private record Listing(List<Draft> drafts, List<FlowSummary> flows) {
    }

    private void open(HomeItem item) {
        if (item.draft() && draftIds.contains(item.id())) {
            builder().resume(item.id());
        } else {
            openChatflow(item.id());
        }
    }

    public void newChatflow() {
        builder().startNew();
    }

    public void importFile(Path file) {
        builder().importFile(file);
    }

    private FlowBuilderViewModel builder() {
        FlowBuilderViewModel builder = new FlowBuilderViewModel(api, knowledgeBases, chatbots, tasks, scheduler,
                clock, this);
        show.accept(builder);
        return builder;
    }

    @Override
    public void showChatflows() {
        show.accept(section);
        refreshList();
    }

    @Override
    public void openChatflow(String chatflowId) {
        ChatflowPageViewModel page = new ChatflowPageViewModel(api, tasks, this, chatflowId);
        show.accept(page);
        page.open();
    }

    @Override
    public void editChatflow(String chatflowId) {
        builder().editDeployed(chatflowId);
    }

    private static HomeItem item(Draft draft) {
        String name = draft.data() == null ? "" : draft.data().path("name").asText("");
        boolean edit = draft.data() != null && draft.data().hasNonNull("chatflow_id");
        int steps = draft.data() == null ? 0 : draft.data().path("nodes").size();
        return new HomeItem(draft.id(), name.isBlank() ? "Untitled chatflow" : name,
                (edit ? "Changes to the live chatflow, not deployed yet" : "Draft, not deployed yet")
                        + " · " + steps + (steps == 1 ? " step" : " steps") + " · click to continue", true);
    }

    private static HomeItem item(FlowSummary flow) {
        String about = flow.description() == null || flow.description().isBlank() ? ""
                : flow.description().strip().replaceAll("\\.$", "") + " · ";
        return new HomeItem(flow.id(), flow.name(), about + "Live"
                + (flow.version() == null ? "" : " · version " + flow.version()));
    }
}
