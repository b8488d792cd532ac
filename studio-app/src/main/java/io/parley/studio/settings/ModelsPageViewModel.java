package io.parley.studio.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Credential;
import io.parley.studio.chatbot.InstructionsStepViewModel;
import io.parley.studio.chatbot.InstructionsStepViewModel.ProviderType;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.page.Page;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The workspace's AI model and saved keys: which model every chatbot uses unless it picks its own
 * (or none: answers quoted from the documents), a connection test, and the keys (API keys of model
 * servers, tokens of web services) kept encrypted on the server and never shown again.
 */
public final class ModelsPageViewModel implements Page {

    private final ChatbotApi api;
    private final BackgroundTasks tasks;
    private final ObjectProperty<ProviderType> providerType = new SimpleObjectProperty<>(ProviderType.OFFLINE);
    private final StringProperty baseUrl = new SimpleStringProperty("http://localhost:11434/v1");
    private final StringProperty modelName = new SimpleStringProperty("");
    private final StringProperty credentialId = new SimpleStringProperty("");
    private final ObservableList<Credential> credentials = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modelResult = new ReadOnlyStringWrapper("");
    private final BooleanProperty modelOk = new SimpleBooleanProperty(false);
    private final StringProperty keyName = new SimpleStringProperty("");
    private final StringProperty keyValue = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper keyResult = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    public ModelsPageViewModel(ChatbotApi api, BackgroundTasks tasks) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    public void open() {
        tasks.run(api::defaultModel, this::showDefault, failure -> modelResult.set(
                "Couldn't load the model settings: " + io.parley.studio.chatbot.Problems.describe(failure)));
        loadCredentials();
    }

    private void showDefault(JsonNode settings) {
        current.set(InstructionsStepViewModel.describeDefault(settings));
        JsonNode provider = settings.path("provider");
        boolean server = "openai_compatible".equals(provider.path("type").asText());
        providerType.set(server ? ProviderType.OPENAI_COMPATIBLE : ProviderType.OFFLINE);
        if (server) {
            baseUrl.set(provider.path("base_url").asText(baseUrl.get()));
            credentialId.set(provider.path("credential_id").asText(""));
        }
        modelName.set(settings.path("model").isTextual() ? settings.get("model").asText() : "");
    }

    private void loadCredentials() {
        tasks.run(api::credentials, credentials::setAll, failure -> {
            if (keyResult.get().isEmpty()) { // a list that did not refresh must not hide "Saved"
                keyResult.set("Couldn't load the saved keys: " + io.parley.studio.chatbot.Problems.describe(failure));
            }
        });
    }

    /** The settings as the server takes them. */
    Map<String, Object> settings() {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("type", providerType.get().value());
        Map<String, Object> out = new LinkedHashMap<>();
        if (providerType.get() == ProviderType.OPENAI_COMPATIBLE) {
            provider.put("base_url", baseUrl.get().strip());
            if (!credentialId.get().isBlank()) {
                provider.put("credential_id", credentialId.get());
            }
            if (!modelName.get().isBlank()) {
                out.put("model", modelName.get().strip());
            }
        }
        out.put("provider", provider);
        return out;
    }

    public void test() {
        modelResult.set("Trying the model…");
        busy.set(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> provider = (Map<String, Object>) settings().get("provider");
        String model = modelName.get().isBlank() || providerType.get() == ProviderType.OFFLINE ? null
                : modelName.get().strip();
        tasks.run(() -> api.testModel(provider, model), result -> {
            busy.set(false);
            modelOk.set(result.ok());
            modelResult.set(InstructionsStepViewModel.describeTest(result));
        }, failure -> {
            busy.set(false);
            modelOk.set(false);
            modelResult.set("Couldn't test the connection: " + io.parley.studio.chatbot.Problems.describe(failure));
        });
    }

    public void save() {
        busy.set(true);
        modelResult.set("");
        tasks.run(() -> api.saveDefaultModel(settings()), saved -> {
            busy.set(false);
            modelOk.set(true);
            current.set(InstructionsStepViewModel.describeDefault(saved));
            modelResult.set("Saved. Chatbots that use the workspace's model now answer with this one.");
        }, failure -> {
            busy.set(false);
            modelOk.set(false);
            modelResult.set("Not saved: " + io.parley.studio.chatbot.Problems.describe(failure));
        });
    }

    /** Saves a new key, encrypted; its value is never shown again. */
    public void addKey() {
        String name = keyName.get().strip();
        String value = keyValue.get();
        if (name.isEmpty() || value.isBlank()) {
            keyResult.set("Give the key a name and paste its value.");
            return;
        }
        keyResult.set("");
        tasks.run(() -> api.createCredential(name, "api_key", value.strip()), saved -> {
            keyName.set("");
            keyValue.set(""); // gone from the studio too
            keyResult.set("Saved “" + saved.name() + "”. Its value is stored encrypted and is never shown again.");
            loadCredentials();
        }, failure -> keyResult.set("Not saved: " + io.parley.studio.chatbot.Problems.describe(failure)));
    }

    public void deleteKey(Credential credential) {
        tasks.run(() -> {
            api.deleteCredential(credential.id());
            return null;
        }, done -> {
            keyResult.set("Deleted “" + credential.name() + "”.");
            if (credential.id().equals(credentialId.get())) {
                credentialId.set("");
            }
            loadCredentials();
        }, failure -> keyResult.set("Not deleted: " + io.parley.studio.chatbot.Problems.describe(failure)));
    }

    public ObjectProperty<ProviderType> providerTypeProperty() {
        return providerType;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public StringProperty modelNameProperty() {
        return modelName;
    }

    public StringProperty credentialIdProperty() {
        return credentialId;
    }

    public ObservableList<Credential> credentials() {
        return credentials;
    }

    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelResultProperty() {
        return modelResult.getReadOnlyProperty();
    }

    public BooleanProperty modelOkProperty() {
        return modelOk;
    }

    public StringProperty keyNameProperty() {
        return keyName;
    }

    public StringProperty keyValueProperty() {
        return keyValue;
    }

    public ReadOnlyStringProperty keyResultProperty() {
        return keyResult.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    static List<ProviderType> providerTypes() {
        return List.of(ProviderType.values());
    }
}
