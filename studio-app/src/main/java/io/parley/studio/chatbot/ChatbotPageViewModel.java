package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Channel;
import io.parley.studio.api.ChatbotApi.Chatbot;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.page.Page;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;

/** A deployed chatbot: what it is, where it is live, its embed code, its conversations and leads; edit it or delete it. */
public final class ChatbotPageViewModel implements Page {

    private final ChatbotApi api;
    private final BackgroundTasks tasks;
    private final ChatbotNavigation navigation;
    private final String chatbotId;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper embedCode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BotActivityViewModel activity;

    public ChatbotPageViewModel(ChatbotApi api, BackgroundTasks tasks, ChatbotNavigation navigation, String chatbotId) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.chatbotId = Objects.requireNonNull(chatbotId, "chatbotId");
        this.activity = new BotActivityViewModel(api, tasks, chatbotId, java.time.ZoneId.systemDefault());
    }

    public void open() {
        busy.set(true);
        tasks.run(() -> api.get(chatbotId), this::show, this::failed);
        activity.load();
    }

    /** Its conversations and leads. */
    public BotActivityViewModel activity() {
        return activity;
    }

    private void show(Chatbot bot) {
        busy.set(false);
        name.set(bot.name());
        String description = bot.description() == null || bot.description().isBlank() ? ""
                : bot.description().strip().replaceAll("\\.$", "") + " · ";
        facts.set(description + ("deployed".equals(bot.status()) || "active".equals(bot.status()) ? "Live"
                : bot.status()));
        Channel site = bot.channels() == null ? null : bot.channels().get("website");
        embedCode.set(site == null || site.embedCode() == null ? "" : site.embedCode());
    }

    /** Opens the builder on a draft of this chatbot. */
    public void edit() {
        navigation.editChatbot(chatbotId);
    }

    public void delete() {
        busy.set(true);
        tasks.run(() -> {
            api.delete(chatbotId);
            return null;
        }, done -> {
            busy.set(false);
            navigation.showChatbots();
        }, this::failed);
    }

    public void back() {
        navigation.showChatbots();
    }

    private void failed(Throwable failure) {
        busy.set(false);
        problem.set(Problems.describe(failure));
    }

    public String chatbotId() {
        return chatbotId;
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

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
