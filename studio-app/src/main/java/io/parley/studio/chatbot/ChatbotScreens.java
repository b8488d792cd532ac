package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.ChatbotSummary;
import io.parley.studio.api.ChatbotApi.Draft;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.home.HomeItem;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.page.Page;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The chatbot feature of the studio once connected: fills the home section's list (unfinished
 * drafts first, then deployed chatbots) and opens the builder and each chatbot's page.
 */
public final class ChatbotScreens implements ChatbotNavigation {

    private final ChatbotApi api;
    private final KnowledgeBaseApi knowledgeBases;
    private final BackgroundTasks tasks;
    private final Scheduler scheduler;
    private final Clock clock;
    private final SectionViewModel section;
    private final Consumer<Page> show;
    private final java.nio.file.Path previewStorage;
    private final Set<String> draftIds = new HashSet<>();

    public ChatbotScreens(ChatbotApi api, KnowledgeBaseApi knowledgeBases, BackgroundTasks tasks, Scheduler scheduler,
                          Clock clock, SectionViewModel section, Consumer<Page> show) {
        this(api, knowledgeBases, tasks, scheduler, clock, section, show, null);
    }

    /** @param previewStorage where the live preview keeps its browser storage; null: the WebView's default */
    public ChatbotScreens(ChatbotApi api, KnowledgeBaseApi knowledgeBases, BackgroundTasks tasks, Scheduler scheduler,
                          Clock clock, SectionViewModel section, Consumer<Page> show, java.nio.file.Path previewStorage) {
        this.previewStorage = previewStorage;
        this.api = Objects.requireNonNull(api, "api");
        this.knowledgeBases = Objects.requireNonNull(knowledgeBases, "knowledgeBases");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.section = Objects.requireNonNull(section, "section");
        this.show = Objects.requireNonNull(show, "show");
        section.enable(this::newChatbot, this::open);
    }

    @Override
    public java.util.Optional<java.nio.file.Path> previewStorage() {
        return java.util.Optional.ofNullable(previewStorage);
    }

    public void refreshList() {
        tasks.run(() -> new Listing(api.drafts(), api.list()), listing -> {
            draftIds.clear();
            List<HomeItem> items = new ArrayList<>();
            for (Draft draft : listing.drafts()) {
                draftIds.add(draft.id());
                items.add(item(draft));
            }
            listing.chatbots().forEach(bot -> items.add(item(bot)));
            section.show(items);
        }, failure -> section.loadFailed("Could not load the chatbots: " + Problems.describe(failure)));
    }

    private record Listing(List<Draft> drafts, List<ChatbotSummary> chatbots) {
    }

    private void open(HomeItem item) {
        if (item.draft() && draftIds.contains(item.id())) {
            builder().resume(item.id());
        } else {
            openChatbot(item.id());
        }
    }

    public void newChatbot() {
        builder().startNew();
    }

    private ChatbotBuilderViewModel builder() {
        ChatbotBuilderViewModel builder = new ChatbotBuilderViewModel(api, knowledgeBases, tasks, scheduler, clock, this);
        show.accept(builder);
        return builder;
    }

    @Override
    public void showChatbots() {
        show.accept(section);
        refreshList();
    }

    @Override
    public void openChatbot(String chatbotId) {
        ChatbotPageViewModel page = new ChatbotPageViewModel(api, tasks, this, chatbotId);
        show.accept(page);
        page.open();
    }

    @Override
    public void editChatbot(String chatbotId) {
        builder().editDeployed(chatbotId);
    }

    private static HomeItem item(Draft draft) {
        String name = draft.data() == null ? "" : draft.data().path("name").asText("");
        boolean edit = draft.data() != null && draft.data().hasNonNull("chatbot_id");
        return new HomeItem(draft.id(), name.isBlank() ? "Untitled chatbot" : name,
                (edit ? "Changes to the live chatbot, not deployed yet" : "Draft, not deployed yet")
                        + " · click to continue", true);
    }

    private static HomeItem item(ChatbotSummary bot) {
        String about = bot.description() == null || bot.description().isBlank() ? ""
                : bot.description().strip().replaceAll("\\.$", "") + " · ";
        return new HomeItem(bot.id(), bot.name(), about + "Live"
                + (bot.deployedVersion() == null ? "" : " · version " + bot.deployedVersion()));
    }
}
