package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi;
import io.parley.studio.chatbot.InstructionsStepViewModel.ModelChoice;
import io.parley.studio.chatbot.InstructionsStepViewModel.ProviderType;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.function.Supplier;

/** Instructions: the model and how it answers, the system prompt, and memory. */
final class InstructionsStepView extends VBox {

    InstructionsStepView(InstructionsStepViewModel viewModel, Supplier<java.util.List<String>> variables) {
        super(16);
        getChildren().addAll(modelCard(viewModel), promptCard(viewModel, variables), memoryCard(viewModel));
    }

    private static VBox modelCard(InstructionsStepViewModel viewModel) {
        ToggleGroup group = new ToggleGroup();
        RadioButton workspace = new RadioButton("Workspace default");
        workspace.setId("model-default");
        workspace.setToggleGroup(group);
        Label current = Ui.hint("");
        current.setId("workspace-default");
        current.textProperty().bind(viewModel.workspaceDefaultProperty());
        current.getStyleClass().add("indent");
        Ui.showWhen(current, viewModel.workspaceDefaultProperty().isNotEmpty());
        RadioButton custom = new RadioButton("Choose a model for this chatbot");
        custom.setId("model-custom");
        custom.setToggleGroup(group);
        Runnable select = () -> group.selectToggle(
                viewModel.modelChoiceProperty().get() == ModelChoice.CUSTOM ? custom : workspace);
        select.run();
        viewModel.modelChoiceProperty().addListener((obs, was, is) -> select.run());
        group.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is != null) {
                viewModel.modelChoiceProperty().set(is == custom ? ModelChoice.CUSTOM : ModelChoice.WORKSPACE_DEFAULT);
            }
        });

        ComboBox<ProviderType> provider = new ComboBox<>(FXCollections.observableArrayList(ProviderType.values()));
        provider.setId("provider-type");
        provider.valueProperty().bindBidirectional(viewModel.providerTypeProperty());
        TextField baseUrl = text("provider-base-url", "http://localhost:11434/v1", viewModel.baseUrlProperty());
        TextField model = text("provider-model", "For example llama3.2 or gpt-4o-mini", viewModel.modelNameProperty());
        VBox server = new VBox(10, Ui.field("Server address", baseUrl), Ui.field("Model name", model),
                Ui.field("API key (saved credential)", credentialChoice(viewModel)));
        Ui.showWhen(server, viewModel.providerTypeProperty().isEqualTo(ProviderType.OPENAI_COMPATIBLE));
        Label offline = Ui.hint("No model needed: the chatbot answers with the passages it finds, quoted "
                + "with their sources.");
        Ui.showWhen(offline, viewModel.providerTypeProperty().isEqualTo(ProviderType.OFFLINE));
        VBox customBox = new VBox(10, Ui.field("Kind of model", provider), offline, server);
        customBox.getStyleClass().add("indent");
        Ui.showWhen(customBox, viewModel.modelChoiceProperty().isEqualTo(ModelChoice.CUSTOM));

        Slider temperature = new Slider(0, 1, viewModel.temperatureProperty().get());
        temperature.setId("temperature");
        temperature.setPrefWidth(220);
        temperature.valueProperty().bindBidirectional(viewModel.temperatureProperty());
        Label temperatureValue = new Label();
        temperatureValue.textProperty().bind(Bindings.createStringBinding(() -> {
            double t = viewModel.temperatureProperty().get();
            String feel = t < 0.3 ? "precise" : t < 0.75 ? "balanced" : "creative";
            return String.format("%.1f · %s", t, feel);
        }, viewModel.temperatureProperty()));
        temperatureValue.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox temperatureRow = new HBox(10, temperature, temperatureValue);
        temperatureRow.setAlignment(Pos.CENTER_LEFT);
        VBox tuning = new VBox(12, Ui.field("Temperature: how freely it words its answers", temperatureRow),
                Ui.field("Longest answer (in tokens, about ¾ of a word each)",
                        Ui.intSpinner("max-tokens", 64, 32000, 64, viewModel.maxTokensProperty().asObject())));

        Button test = new Button("Test connection");
        test.setId("test-connection");
        test.getStyleClass().add("secondary-button");
        test.disableProperty().bind(viewModel.testingProperty());
        test.setOnAction(event -> viewModel.testConnection());
        Label result = new Label();
        result.setId("test-result");
        result.setWrapText(true);
        result.getStyleClass().add("test-result");
        result.textProperty().bind(viewModel.testResultProperty());
        viewModel.testOkProperty().addListener((obs, was, is) ->
                result.pseudoClassStateChanged(PseudoClass.getPseudoClass("ok"), is));
        test.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button makeDefault = new Button("Use it for all chatbots");
        makeDefault.setId("make-workspace-default");
        makeDefault.getStyleClass().add("link-button");
        makeDefault.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        makeDefault.setOnAction(event -> viewModel.makeWorkspaceDefault());
        Ui.showWhen(makeDefault, viewModel.modelChoiceProperty().isEqualTo(ModelChoice.CUSTOM));
        Ui.showWhen(result, viewModel.testResultProperty().isNotEmpty());
        HBox buttons = new HBox(12, test, makeDefault);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox testRow = new VBox(8, buttons, result);
        return Ui.card(Ui.heading("Model", "The model writes the answers. The workspace default is set once "
                + "for all chatbots; choose one here only if this chatbot needs another."),
                new VBox(8, workspace, current, custom), customBox, tuning, testRow);
    }

    private static VBox promptCard(InstructionsStepViewModel viewModel, Supplier<java.util.List<String>> variables) {
        PromptEditor prompt = new PromptEditor(viewModel, variables);
        return Ui.card(Ui.heading("Instructions", "Tell the chatbot who it is, what it helps with and how to "
                + "answer. Type / to insert a variable such as the visitor's name."), prompt);
    }

    private static VBox memoryCard(InstructionsStepViewModel viewModel) {
        CheckBox memory = new CheckBox("Remember the conversation");
        memory.setId("memory-enabled");
        memory.selectedProperty().bindBidirectional(viewModel.memoryEnabledProperty());
        HBox max = new HBox(10, new Label("Look back over the last"),
                Ui.intSpinner("memory-max", 1, 100, 1, viewModel.maxMessagesProperty().asObject()),
                new Label("messages"));
        max.setAlignment(Pos.CENTER_LEFT);
        max.disableProperty().bind(viewModel.memoryEnabledProperty().not());
        return Ui.card(Ui.heading("Memory", "With memory, follow-up questions such as “and on Sundays?” are "
                + "understood."), memory, max);
    }

    /**
     * The key for the model server: picked by name from the workspace's saved credentials, or typed
     * as an id on a server that lists none.
     */
    private static javafx.scene.Node credentialChoice(InstructionsStepViewModel viewModel) {
        TextField typed = text("provider-credential", "The saved key's id (leave empty if none is needed)",
                viewModel.credentialIdProperty());
        ComboBox<ChatbotApi.Credential> picked = new ComboBox<>();
        picked.setId("provider-credential-choice");
        picked.setPromptText("No key needed");
        ChatbotApi.Credential none = new ChatbotApi.Credential("", "No key needed", "");
        picked.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ChatbotApi.Credential credential) {
                return credential == null ? "" : credential.name();
            }

            @Override
            public ChatbotApi.Credential fromString(String text) {
                return null;
            }
        });
        Runnable fill = () -> {
            java.util.List<ChatbotApi.Credential> items = new java.util.ArrayList<>();
            items.add(none);
            items.addAll(viewModel.credentials());
            picked.getItems().setAll(items);
            String id = viewModel.credentialIdProperty().get();
            picked.setValue(items.stream().filter(c -> c.id().equals(id == null ? "" : id)).findFirst().orElse(none));
        };
        fill.run();
        viewModel.credentials().addListener((javafx.collections.ListChangeListener<ChatbotApi.Credential>) c -> fill.run());
        viewModel.credentialIdProperty().addListener((obs, was, is) -> {
            if (picked.getValue() == null || !picked.getValue().id().equals(is == null ? "" : is)) {
                fill.run();
            }
        });
        picked.valueProperty().addListener((obs, was, is) -> {
            if (is != null && !is.id().equals(viewModel.credentialIdProperty().get())) {
                viewModel.credentialIdProperty().set(is.id());
            }
        });
        Ui.showWhen(picked, Bindings.isNotEmpty(viewModel.credentials()));
        Ui.showWhen(typed, Bindings.isEmpty(viewModel.credentials()));
        return new VBox(picked, typed);
    }

    private static TextField text(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
