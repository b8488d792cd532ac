package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Channel;
import io.parley.studio.api.ChatbotApi.Deployed;
import io.parley.studio.api.ChatbotApi.Issue;
import io.parley.studio.api.ChatbotApi.Validation;
import io.parley.studio.concurrent.BackgroundTasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Deploy: where the chatbot will live (the website widget, on which domains, in which corner),
 * the server's check of the whole draft (errors block, warnings inform), and deploying it, which
 * answers with the embed code for the website.
 */
public final class DeployStepViewModel extends DraftStep {

    private final ChatbotApi api;
    private final BackgroundTasks tasks;
    private final DraftAutoSave autoSave;
    private final Supplier<String> draftId;
    private final Consumer<Deployed> deployedListener;
    private final WebsiteChannel channel = new WebsiteChannel();
    private final ReadOnlyObjectWrapper<Validation> validation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Deployed> deployed = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> channelResults = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper embedCode = new ReadOnlyStringWrapper("");
    private final BooleanBinding deployAllowed;
    private final BooleanExpression complete;

    DeployStepViewModel(DraftAutoSave autoSave, ChatbotApi api, BackgroundTasks tasks, Supplier<String> draftId,
                        Consumer<Deployed> deployedListener) {
        super(autoSave);
        this.autoSave = autoSave;
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.draftId = Objects.requireNonNull(draftId, "draftId");
        this.deployedListener = Objects.requireNonNull(deployedListener, "deployedListener");
        saveOn(channel::fragment, channel.observables().toArray(javafx.beans.Observable[]::new));
        // A change after checking makes the check stale: check again before deploying.
        for (javafx.beans.Observable edited : channel.observables()) {
            edited.addListener(changed -> validation.set(null));
        }
        deployAllowed = Bindings.createBooleanBinding(() -> !busy.get() && deployed.get() == null
                && validation.get() != null && validation.get().valid(), busy, validation, deployed);
        complete = BooleanExpression.booleanExpression(deployed.isNotNull());
    }

    /** The allowed domains as typed: separated by commas, spaces or new lines. */
    List<String> domains() {
        return channel.domains();
    }

    @Override
    void fill(JsonNode data) {
        channel.fill(data);
    }

    /** Saves what is pending, then asks the server whether the draft can be deployed. */
    public void validate() {
        if (busy.get() || draftId.get() == null || deployed.get() != null) {
            return;
        }
        busy.set(true);
        problem.set("");
        validation.set(null);
        autoSave.saveNow(() -> tasks.run(() -> api.validate(draftId.get()), result -> {
            busy.set(false);
            validation.set(result);
        }, this::failed), notSaved -> {
            busy.set(false);
            problem.set("Your latest changes could not be saved, so they cannot be checked yet: " + notSaved);
        });
    }

    /** Deploys the checked draft; the website channel answers with its embed code. */
    public void deploy() {
        if (!deployAllowed.get()) {
            return;
        }
        busy.set(true);
        problem.set("");
        String id = draftId.get();
        tasks.run(() -> api.deploy(id), this::deployed, this::failed);
    }

    private void deployed(Deployed result) {
        busy.set(false);
        List<String> lines = new ArrayList<>();
        Map<String, Channel> channels = result.channels() == null ? Map.of() : result.channels();
        channels.forEach((name, channel) -> lines.add(describe(name, channel)));
        if (lines.isEmpty()) {
            lines.add("Deployed. No channel is switched on yet: the chatbot answers through the API only.");
        }
        channelResults.setAll(lines);
        Channel site = channels.get("website");
        embedCode.set(site == null || site.embedCode() == null ? "" : site.embedCode());
        deployed.set(result);
        deployedListener.accept(result);
    }

    private static String describe(String name, Channel channel) {
        if ("api".equals(name)) {
            return "API: ready for your own programs, with the secret key below";
        }
        String label = "website".equals(name) ? "Website" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String status = channel.status() == null ? "" : channel.status();
        String state = switch (status) {
            case "active", "live", "deployed", "ready", "success", "ok" -> "live";
            case "" -> "set up";
            default -> status.replace('_', ' ');
        };
        String where = channel.allowedDomains() == null || channel.allowedDomains().isEmpty()
                ? (("website".equals(name)) ? " · any website may show it" : "")
                : " · only on " + String.join(", ", channel.allowedDomains());
        return label + ": " + state + where;
    }

    private void failed(Throwable failure) {
        busy.set(false);
        problem.set(Problems.describe(failure));
    }

    /** The check's findings in plain words: errors first. */
    public static List<String> lines(List<Issue> issues) {
        return issues == null ? List.of() : issues.stream().map(Issue::message).toList();
    }

    @Override
    public BooleanExpression completeProperty() {
        return complete;
    }

    /** The website channel's settings. */
    public WebsiteChannel channel() {
        return channel;
    }

    public BooleanProperty websiteProperty() {
        return channel.enabledProperty();
    }

    public StringProperty allowedDomainsProperty() {
        return channel.allowedDomainsProperty();
    }

    public ReadOnlyObjectProperty<Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanBinding deployAllowedProperty() {
        return deployAllowed;
    }

    public ReadOnlyObjectProperty<Deployed> deployedProperty() {
        return deployed.getReadOnlyProperty();
    }

    public ObservableList<String> channelResults() {
        return channelResults;
    }

    public ReadOnlyStringProperty embedCodeProperty() {
        return embedCode.getReadOnlyProperty();
    }
}
