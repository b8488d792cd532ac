package io.parley.studio.chatflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parley.studio.api.ChatbotApi.Channel;
import io.parley.studio.api.ChatflowApi;
import io.parley.studio.api.ChatflowApi.Chatflow;
import io.parley.studio.chatbot.Problems;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.page.Page;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A deployed chatflow: what it is, its version, its embed code; edit, export or delete it. */
public final class ChatflowPageViewModel implements Page {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ChatflowApi api;
    private final BackgroundTasks tasks;
    private final ChatflowNavigation navigation;
    private final String chatflowId;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper embedCode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final io.parley.studio.chatbot.BotActivityViewModel activity;

    public ChatflowPageViewModel(ChatflowApi api, BackgroundTasks tasks, ChatflowNavigation navigation,
                                 String chatflowId) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.chatflowId = Objects.requireNonNull(chatflowId, "chatflowId");
        this.activity = new io.parley.studio.chatbot.BotActivityViewModel(new io.parley.studio.chatbot.BotActivityViewModel
                .Source("chatflow", "Look", () -> api.conversations(chatflowId), api::transcript, () -> api.leads(chatflowId)), tasks,
                java.time.ZoneId.systemDefault());
    }

    public void open() {
        busy.set(true);
        tasks.run(() -> api.get(chatflowId), this::show, this::failed);
        activity.load();
    }

    /** The conversations people had with the flow. */
    public io.parley.studio.chatbot.BotActivityViewModel activity() {
        return activity;
    }

    private void show(Chatflow flow) {
        busy.set(false);
        name.set(flow.name());
        int steps = flow.config() == null ? 0 : flow.config().path("nodes").size();
        String description = flow.description() == null || flow.description().isBlank() ? ""
                : flow.description().strip().replaceAll("\\.$", "") + " · ";
        facts.set(description + "Live" + (flow.version() == null ? "" : " · version " + flow.version())
                + " · " + steps + (steps == 1 ? " step" : " steps"));
        Channel site = flow.channels() == null ? null : flow.channels().get("website");
        embedCode.set(site == null || site.embedCode() == null ? "" : site.embedCode());
    }

    public void edit() {
        navigation.editChatflow(chatflowId);
    }

    /** Writes the live flow to {@code file}. */
    public void export(Path file) {
        tasks.run(() -> {
            Files.writeString(file, JSON.writeValueAsString(api.export(chatflowId)));
            return file;
        }, written -> notice.set("Saved as " + written.getFileName() + "."), this::failed);
    }

    public String exportFileName() {
        String base = name.get().replaceAll("[^A-Za-z0-9 _-]", "").strip().replace(' ', '-');
        return (base.isEmpty() ? "chatflow" : base) + ".chatflow.json";
    }

    public void delete() {
        busy.set(true);
        tasks.run(() -> {
            api.delete(chatflowId);
            return null;
        }, done -> {
            busy.set(false);
            navigation.showChatflows();
        }, this::failed);
    }

    public void back() {
        navigation.showChatflows();
    }

    private void failed(Throwable failure) {
        busy.set(false);
        problem.set(Problems.describe(failure));
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty embedCodeProperty() {
        return embedCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
