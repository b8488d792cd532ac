package io.parley.studio.shell;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.CurrentUser;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.api.ParleyApiClient;
import io.parley.studio.api.Readiness;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.chatbot.ChatbotBuilderViewModel;
import io.parley.studio.chatbot.ChatbotPageViewModel;
import io.parley.studio.chatbot.ChatbotScreens;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.home.HomeSection;
import io.parley.studio.home.SectionViewModel;
import io.parley.studio.kb.KnowledgeBaseScreens;
import io.parley.studio.kb.RetrievalLogs;
import io.parley.studio.page.Page;
import io.parley.studio.runtime.LocalServer;
import io.parley.studio.settings.ModelsPageViewModel;
import io.parley.studio.runtime.ServerLifecycle;
import io.parley.studio.runtime.StartupFailures;
import io.parley.studio.runtime.StartupProblem;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The studio window: starts the local server in the background, then loads who and where the
 * user is through the HTTP API; holds the home sections and which one is shown; stops the
 * server when the window closes.
 */
public final class ShellViewModel {

    private final ServerLifecycle server;
    private final BackgroundTasks tasks;
    private final ServerStatusViewModel status;
    private final WorkspaceViewModel workspace = new WorkspaceViewModel();
    private final List<SectionViewModel> sections;
    private final ReadOnlyObjectWrapper<SectionViewModel> selectedSection;
    private final ReadOnlyObjectWrapper<Page> currentPage;
    private final Scheduler scheduler;
    private ParleyApiClient client;
    private final javafx.beans.property.ReadOnlyStringWrapper backupNotice = new javafx.beans.property.ReadOnlyStringWrapper("");
    private KnowledgeBaseScreens knowledgeBases;
    private ChatbotScreens chatbots;
    private io.parley.studio.chatflow.ChatflowScreens chatflows;
    private boolean shutDown;

    public ShellViewModel(ServerLifecycle server, BackgroundTasks tasks, Scheduler scheduler) {
        this.server = Objects.requireNonNull(server, "server");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.status = new ServerStatusViewModel(server.dataDir());
        this.sections = Arrays.stream(HomeSection.values()).map(SectionViewModel::new).toList();
        this.selectedSection = new ReadOnlyObjectWrapper<>(sections.get(0));
        this.currentPage = new ReadOnlyObjectWrapper<>(sections.get(0));
    }

    /** Starts the server and loads the workspace, without blocking the caller. */
    public void start() {
        if (shutDown || status.getState() == ServerState.STARTING) {
            return;
        }
        status.starting();
        workspace.connecting();
        tasks.run(this::connect, this::connected, this::failed);
    }

    /** "Try again" after a failed start. */
    public void retry() {
        if (status.getState() == ServerState.FAILED) {
            start();
        }
    }

    /** Stops the server; blocks until it has stopped. Safe to call more than once. */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        server.stop();
        status.stopped();
    }

    public void select(HomeSection section) {
        show(section(section));
        if (section == HomeSection.KNOWLEDGE_BASES && knowledgeBases != null) {
            knowledgeBases.refreshList();
        }
        if (section == HomeSection.CHATBOTS && chatbots != null) {
            chatbots.refreshList();
        }
        if (section == HomeSection.CHATFLOWS && chatflows != null) {
            chatflows.refreshList();
        }
    }

    /** Shows a page in the content area; the sidebar marks the section it belongs to. */
    private void show(Page page) {
        Page was = currentPage.get();
        if (was != page) {
            was.leave();
        }
        currentPage.set(page);
        if (page instanceof SectionViewModel section) {
            selectedSection.set(section);
        } else if (page instanceof ChatbotBuilderViewModel || page instanceof ChatbotPageViewModel) {
            selectedSection.set(section(HomeSection.CHATBOTS));
        } else if (page instanceof io.parley.studio.chatflow.FlowBuilderViewModel
                || page instanceof io.parley.studio.chatflow.ChatflowPageViewModel) {
            selectedSection.set(section(HomeSection.CHATFLOWS));
        } else if (page instanceof ModelsPageViewModel) {
            selectedSection.set(null);
        } else {
            selectedSection.set(section(HomeSection.KNOWLEDGE_BASES));
        }
    }

    /** The workspace's model and saved keys. */
    public void showModels() {
        if (client == null) {
            return;
        }
        ModelsPageViewModel page = new ModelsPageViewModel(new ChatbotApi(client), tasks);
        show(page);
        page.open();
    }

    public SectionViewModel section(HomeSection section) {
        return sections.get(section.ordinal());
    }

    /** The API client once connected; later screens use it to load their lists. */
    /**
     * Saves a backup of this studio's data (knowledge bases, bots, flows, saved keys) to
     * {@code file}, taken by the running server; {@link #backupNoticeProperty} says how it went.
     */
    public void backup(java.nio.file.Path file) {
        if (client == null) {
            backupNotice.set("The server is not running yet: back up once it is.");
            return;
        }
        ParleyApiClient api = client;
        backupNotice.set("Backing up…");
        tasks.run(() -> {
            api.postDownload("/api/v1/admin/backup", file);
            return file;
        }, saved -> backupNotice.set("Backed up to " + saved.getFileName() + ". Keep it safe: it holds your saved keys."),
                failure -> backupNotice.set("Could not back up: " + io.parley.studio.chatbot.Problems.describe(failure)));
    }

    public javafx.beans.property.ReadOnlyStringProperty backupNoticeProperty() {
        return backupNotice.getReadOnlyProperty();
    }

    public Optional<ParleyApiClient> client() {
        return Optional.ofNullable(client);
    }

    // Runs on a background thread.
    private Connection connect() throws Exception {
        LocalServer local = server.start();
        ParleyApiClient api = new ParleyApiClient(local.baseUri(), local.accessToken());
        Readiness readiness = api.ready();
        CurrentUser me = api.me();
        return new Connection(api, local.baseUri(), local.databaseName(), readiness, me);
    }

    private void connected(Connection connection) {
        if (shutDown) {
            return; // the window closed while we were starting; the lifecycle already stopped the server
        }
        client = connection.api();
        knowledgeBases = new KnowledgeBaseScreens(new KnowledgeBaseApi(client), tasks, scheduler,
                section(HomeSection.KNOWLEDGE_BASES), this::show,
                new RetrievalLogs(server.dataDir().resolve("studio")));
        knowledgeBases.refreshList();
        chatbots = new ChatbotScreens(new ChatbotApi(client), new KnowledgeBaseApi(client), tasks, scheduler,
                Clock.systemDefaultZone(), section(HomeSection.CHATBOTS), this::show,
                server.dataDir().resolve("studio").resolve("preview-browser"));
        chatbots.refreshList();
        chatflows = new io.parley.studio.chatflow.ChatflowScreens(new io.parley.studio.api.ChatflowApi(client),
                new KnowledgeBaseApi(client), new ChatbotApi(client), tasks, scheduler, Clock.systemDefaultZone(),
                section(HomeSection.CHATFLOWS), this::show);
        chatflows.refreshList();
        status.connected(connection.baseUri(), connection.databaseName(), connection.readiness());
        workspace.show(connection.me());
    }

    private void failed(Throwable failure) {
        if (shutDown) {
            return;
        }
        workspace.notConnected();
        if (server.isRunning()) {
            status.failed(new StartupProblem("Server running, but not answering as expected",
                    "The server started but did not answer as expected: " + failure.getMessage()));
        } else {
            status.failed(StartupFailures.explain(failure, server.dataDir()));
        }
    }

    public ServerStatusViewModel status() {
        return status;
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public List<SectionViewModel> sections() {
        return sections;
    }

    public ReadOnlyObjectProperty<SectionViewModel> selectedSectionProperty() {
        return selectedSection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Page> currentPageProperty() {
        return currentPage.getReadOnlyProperty();
    }

    public Page getCurrentPage() {
        return currentPage.get();
    }

    /** The knowledge-base screens, once connected. */
    public Optional<KnowledgeBaseScreens> knowledgeBases() {
        return Optional.ofNullable(knowledgeBases);
    }

    /** The chatflow screens, once connected. */
    public Optional<io.parley.studio.chatflow.ChatflowScreens> chatflows() {
        return Optional.ofNullable(chatflows);
    }

    /** The chatbot screens, once connected. */
    public Optional<ChatbotScreens> chatbots() {
        return Optional.ofNullable(chatbots);
    }

    public SectionViewModel getSelectedSection() {
        return selectedSection.get();
    }

    private record Connection(ParleyApiClient api, URI baseUri, String databaseName, Readiness readiness,
                              CurrentUser me) {
    }
}
