package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.ConnectionTest;
import io.parley.studio.concurrent.BackgroundTasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Map;
import java.util.Objects;

/**
 * Instructions: which model answers (the workspace's default, or one of the builder's own),
 * how freely, the system prompt with its {@code {{variables}}}, and how much of the
 * conversation it remembers.
 */
public final class InstructionsStepViewModel extends DraftStep {

    public enum ModelChoice { WORKSPACE_DEFAULT, CUSTOM }

    public enum ProviderType {
        OFFLINE("offline", "Offline: answers quoted from your documents"),
        OPENAI_COMPATIBLE("openai_compatible", "A model server (Ollama, llama.cpp, OpenAI…)");

        private final String value;
        private final String label;

        ProviderType(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ChatbotApi api;
    private final BackgroundTasks tasks;
    private final ObjectProperty<ModelChoice> modelChoice = new SimpleObjectProperty<>(ModelChoice.WORKSPACE_DEFAULT);
    private final ObjectProperty<ProviderType> providerType = new SimpleObjectProperty<>(ProviderType.OFFLINE);
    private final StringProperty baseUrl = new SimpleStringProperty("http://localhost:11434/v1");
    private final StringProperty modelName = new SimpleStringProperty("");
    private final StringProperty credentialId = new SimpleStringProperty("");
    private final DoubleProperty temperature = new SimpleDoubleProperty(0.7);
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(1024);
    private final StringProperty systemPrompt = new SimpleStringProperty("");
    private final BooleanProperty memoryEnabled = new SimpleBooleanProperty(true);
    private final IntegerProperty maxMessages = new SimpleIntegerProperty(10);
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testOk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper workspaceDefault = new ReadOnlyStringWrapper("");
    private final javafx.collections.ObservableList<ChatbotApi.Credential> credentials =
            javafx.collections.FXCollections.observableArrayList();

    InstructionsStepViewModel(DraftAutoSave autoSave, ChatbotApi api, BackgroundTasks tasks) {
        super(autoSave);
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        saveOn(() -> Fragments.of("provider", provider(), "model", model()),
                modelChoice, providerType, baseUrl, modelName, credentialId);
        saveOn(() -> Fragments.of("temperature", Math.round(temperature.get() * 100) / 100.0), temperature);
        saveOn(() -> Fragments.of("max_tokens", maxTokens.get()), maxTokens);
        saveOn(() -> Fragments.of("system_prompt", systemPrompt.get()), systemPrompt);
        saveOn(() -> Fragments.of("memory", Fragments.of("enabled", memoryEnabled.get(),
                "max_messages", maxMessages.get())), memoryEnabled, maxMessages);
        modelChoice.addListener(changed -> testResult.set(""));
        providerType.addListener(changed -> testResult.set(""));
    }

    @Override
    void fill(JsonNode data) {
        JsonNode provider = data.path("provider");
        if (provider.isObject()) {
            modelChoice.set(ModelChoice.CUSTOM);
            providerType.set("openai_compatible".equals(provider.path("type").asText())
                    ? ProviderType.OPENAI_COMPATIBLE : ProviderType.OFFLINE);
            baseUrl.set(text(provider.path("base_url"), baseUrl.get()));
            credentialId.set(text(provider.path("credential_id"), ""));
        } else {
            modelChoice.set(ModelChoice.WORKSPACE_DEFAULT);
        }
        modelName.set(text(data.path("model"), ""));
        temperature.set(data.path("temperature").asDouble(0.7));
        maxTokens.set(data.path("max_tokens").asInt(1024));
        systemPrompt.set(text(data.path("system_prompt"), ""));
        memoryEnabled.set(data.path("memory").path("enabled").asBoolean(true));
        maxMessages.set(data.path("memory").path("max_messages").asInt(10));
    }

    /** The draft's {@code provider}: {@code null} for the workspace default. */
    Map<String, Object> provider() {
        if (modelChoice.get() == ModelChoice.WORKSPACE_DEFAULT) {
            return null;
        }
        // Nulls clear what the other provider type left behind (the server merges objects).
        if (providerType.get() == ProviderType.OFFLINE) {
            return Fragments.of("type", "offline", "base_url", null, "credential_id", null);
        }
        return Fragments.of("type", "openai_compatible", "base_url", baseUrl.get().strip(),
                "credential_id", blankToNull(credentialId.get()));
    }

    private String model() {
        return modelChoice.get() == ModelChoice.CUSTOM && providerType.get() == ProviderType.OPENAI_COMPATIBLE
                ? blankToNull(modelName.get()) : null;
    }

    /** Finds out what the workspace default is, to say so next to the choice. */
    void loadWorkspaceDefault() {
        tasks.run(api::defaultModel, settings -> workspaceDefault.set(describeDefault(settings)),
                failure -> workspaceDefault.set("")); // an older server without model settings: say nothing
    }

    /** The workspace default in words: "Currently: llama3.2 at http://localhost:11434/v1." */
    public static String describeDefault(JsonNode settings) {
        JsonNode provider = settings.path("provider");
        String type = provider.isObject() ? provider.path("type").asText("") : settings.path("type").asText("");
        String model = text(settings.path("model"), "");
        if (type.isEmpty() || "offline".equals(type)) {
            return "Currently: offline answers quoted from your documents.";
        }
        String where = text(provider.path("base_url"), text(settings.path("base_url"), ""));
        return "Currently: " + (model.isEmpty() ? "the server's own model" : model)
                + (where.isEmpty() ? "" : " at " + where) + ".";
    }

    /** Tries the chosen model with one short request and says in plain words how it went. */
    public void testConnection() {
        testing.set(true);
        testResult.set("Trying the model…");
        Map<String, Object> provider = provider();
        if (provider != null) {
            provider.values().removeIf(Objects::isNull);
        }
        String model = model();
        tasks.run(() -> api.testModel(provider, model), this::tested, failure -> {
            testing.set(false);
            testOk.set(false);
            testResult.set("Couldn't test the connection: " + Problems.describe(failure));
        });
    }

    private void tested(ConnectionTest result) {
        testing.set(false);
        testOk.set(result.ok());
        testResult.set(describeTest(result));
    }

    /** A connection test's outcome in words: "It works. llama3.2 answered in 240 ms." */
    public static String describeTest(ConnectionTest result) {
        boolean said = result.message() != null && !result.message().isBlank();
        if (result.ok()) {
            String which = result.model() == null || result.model().isBlank() ? "The model" : result.model();
            return "It works. " + (said ? result.message() : which + " answered"
                    + (result.latencyMs() == null ? "." : " in " + result.latencyMs() + " ms."));
        }
        return "It doesn't work yet: " + (said ? result.message() : "no answer");
    }

    /** Makes this chatbot's own model the workspace default, for every chatbot that uses the default. */
    public void makeWorkspaceDefault() {
        Map<String, Object> provider = provider();
        if (provider == null) {
            return;
        }
        provider.values().removeIf(Objects::isNull);
        Map<String, Object> settings = Fragments.of("provider", provider);
        String model = model();
        if (model != null) {
            settings.put("model", model);
        }
        testResult.set("");
        tasks.run(() -> api.saveDefaultModel(settings), saved -> {
            workspaceDefault.set(describeDefault(saved));
            testOk.set(true);
            testResult.set("Saved as the workspace default.");
        }, failure -> {
            testOk.set(false);
            testResult.set("Couldn't change the workspace default: " + Problems.describe(failure));
        });
    }

    /** The workspace's saved keys, for the credential choice; none on a server that keeps none. */
    void loadCredentials() {
        tasks.run(api::credentials, credentials::setAll, failure -> credentials.clear());
    }

    /**
     * Puts {@code {{name}}} in the prompt at {@code caret}, in place of the "/" just typed there if
     * there is one; returns where the caret goes next.
     */
    public int insertVariable(String name, int caret) {
        String prompt = systemPrompt.get();
        int at = Math.max(0, Math.min(caret, prompt.length()));
        int from = at > 0 && prompt.charAt(at - 1) == '/' ? at - 1 : at;
        String inserted = "{{" + name + "}}";
        systemPrompt.set(prompt.substring(0, from) + inserted + prompt.substring(at));
        return from + inserted.length();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public BooleanExpression completeProperty() {
        return BooleanExpression.booleanExpression(Bindings.createBooleanBinding(
                () -> !systemPrompt.get().isBlank(), systemPrompt));
    }

    public ObjectProperty<ModelChoice> modelChoiceProperty() {
        return modelChoice;
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

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    public BooleanProperty memoryEnabledProperty() {
        return memoryEnabled;
    }

    public IntegerProperty maxMessagesProperty() {
        return maxMessages;
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testOkProperty() {
        return testOk.getReadOnlyProperty();
    }

    /** The workspace's saved credentials (names only), to pick the model server's key from. */
    public javafx.collections.ObservableList<ChatbotApi.Credential> credentials() {
        return credentials;
    }

    public ReadOnlyStringProperty workspaceDefaultProperty() {
        return workspaceDefault.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }
}
