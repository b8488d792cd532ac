package io.parley.studio.settings;

import io.parley.studio.api.ChatbotApi.Credential;
import io.parley.studio.chatbot.InstructionsStepViewModel.ProviderType;
import io.parley.studio.chatbot.Ui;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The workspace's AI model (or none) with a connection test, and its saved keys. */
public final class ModelsPageView extends VBox {

    public ModelsPageView(ModelsPageViewModel viewModel) {
        super(14);
        setId("models-page");
        getStyleClass().add("section");
        Label title = new Label("Models & keys");
        title.getStyleClass().add("section-title");
        Label subtitle = new Label("The AI model your chatbots answer with, and the keys Parley keeps for you.");
        subtitle.getStyleClass().add("section-subtitle");
        getChildren().addAll(new VBox(2, title, subtitle), model(viewModel), keys(viewModel));
    }

    private static VBox model(ModelsPageViewModel viewModel) {
        Label current = Ui.hint("");
        current.setId("models-current");
        current.textProperty().bind(viewModel.currentProperty());
        ComboBox<ProviderType> type = new ComboBox<>();
        type.setId("models-provider");
        type.getItems().setAll(ModelsPageViewModel.providerTypes());
        type.valueProperty().bindBidirectional(viewModel.providerTypeProperty());
        Label offline = Ui.hint("Without a model, chatbots answer by quoting the passages of your documents that best "
                + "match the question, with their sources. Nothing leaves this computer.");
        offline.visibleProperty().bind(viewModel.providerTypeProperty().isEqualTo(ProviderType.OFFLINE));
        offline.managedProperty().bind(offline.visibleProperty());

        TextField url = new TextField();
        url.setId("models-base-url");
        url.textProperty().bindBidirectional(viewModel.baseUrlProperty());
        TextField name = new TextField();
        name.setId("models-model");
        name.setPromptText("for example llama3.2 or gpt-4o-mini");
        name.textProperty().bindBidirectional(viewModel.modelNameProperty());
        ComboBox<Credential> key = new ComboBox<>();
        key.setId("models-credential");
        key.setPromptText("No key (a local server)");
        key.setButtonCell(credentialCell());
        key.setCellFactory(list -> credentialCell());
        Runnable fill = () -> {
            Credential none = new Credential("", "No key (a local server)", "");
            key.getItems().setAll(none);
            key.getItems().addAll(viewModel.credentials());
            key.setValue(key.getItems().stream().filter(c -> c.id().equals(viewModel.credentialIdProperty().get()))
                    .findFirst().orElse(none));
        };
        fill.run();
        viewModel.credentials().addListener((ListChangeListener<Credential>) c -> fill.run());
        viewModel.credentialIdProperty().addListener((obs, was, is) -> {
            if (key.getValue() == null || !key.getValue().id().equals(is)) {
                fill.run();
            }
        });
        key.valueProperty().addListener((obs, was, is) -> {
            if (is != null) {
                viewModel.credentialIdProperty().set(is.id());
            }
        });
        VBox server = new VBox(10,
                Ui.field("Server address (OpenAI-compatible: Ollama, llama.cpp, vLLM, OpenAI…)", url),
                Ui.field("Model", name),
                Ui.field("API key (add one below if the server needs it)", key));
        server.visibleProperty().bind(viewModel.providerTypeProperty().isEqualTo(ProviderType.OPENAI_COMPATIBLE));
        server.managedProperty().bind(server.visibleProperty());

        Button test = new Button("Test connection");
        test.setId("models-test");
        test.getStyleClass().add("secondary-button");
        test.disableProperty().bind(viewModel.busyProperty());
        test.setOnAction(event -> viewModel.test());
        Button save = new Button("Save");
        save.setId("models-save");
        save.getStyleClass().add("primary-button");
        save.disableProperty().bind(viewModel.busyProperty());
        save.setOnAction(event -> viewModel.save());
        Label result = Ui.hint("");
        result.setId("models-result");
        result.textProperty().bind(viewModel.modelResultProperty());
        Ui.showWhen(result, viewModel.modelResultProperty().isNotEmpty());
        viewModel.modelOkProperty().addListener((obs, was, ok) -> result.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("ok"), ok));
        HBox buttons = new HBox(10, test, save);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox card = Ui.card(Ui.heading("The workspace's model", "Every chatbot answers with this model unless you choose "
                + "another one in its Instructions."), current, Ui.field("Answer with", type), offline, server, buttons, result);
        card.setMaxWidth(760);
        return card;
    }

    private static VBox keys(ModelsPageViewModel viewModel) {
        ListView<Credential> list = new ListView<>(viewModel.credentials());
        list.setId("models-keys");
        list.getStyleClass().add("plain-list");
        list.setPrefHeight(150);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Credential credential, boolean empty) {
                super.updateItem(credential, empty);
                if (empty || credential == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(credential.name());
                name.getStyleClass().add("row-title");
                Label type = Ui.hint(credential.type().replace('_', ' ') + " · value hidden");
                Button delete = new Button("Delete");
                delete.setId("models-key-delete-" + getIndex());
                delete.getStyleClass().add("link-button");
                delete.setOnAction(event -> viewModel.deleteKey(credential));
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                HBox row = new HBox(10, new VBox(2, name, type), spacer, delete);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
                setText(null);
            }
        });
        list.visibleProperty().bind(Bindings.isNotEmpty(viewModel.credentials()));
        list.managedProperty().bind(list.visibleProperty());
        Label none = Ui.hint("No saved keys yet.");
        none.visibleProperty().bind(Bindings.isEmpty(viewModel.credentials()));
        none.managedProperty().bind(none.visibleProperty());

        TextField name = new TextField();
        name.setId("models-key-name");
        name.setPromptText("A name you will recognise, like OpenAI key");
        name.textProperty().bindBidirectional(viewModel.keyNameProperty());
        PasswordField value = new PasswordField();
        value.setId("models-key-value");
        value.setPromptText("Paste the key");
        value.textProperty().bindBidirectional(viewModel.keyValueProperty());
        Button add = new Button("Save key");
        add.setId("models-key-add");
        add.getStyleClass().add("secondary-button");
        add.setOnAction(event -> viewModel.addKey());
        HBox form = new HBox(10, name, value, add);
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox.setHgrow(value, Priority.ALWAYS);
        form.setAlignment(Pos.CENTER_LEFT);
        Label result = Ui.hint("");
        result.setId("models-key-result");
        result.textProperty().bind(viewModel.keyResultProperty());
        Ui.showWhen(result, viewModel.keyResultProperty().isNotEmpty());
        VBox card = Ui.card(Ui.heading("Saved keys", "API keys and tokens are stored encrypted on this computer's server. "
                + "Once saved, a key is never shown again: chatbots and chatflows use it by name "
                + "({{secret:name}} in a flow's HTTP settings)."), none, list, form, result);
        card.setMaxWidth(760);
        return card;
    }

    private static ListCell<Credential> credentialCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Credential credential, boolean empty) {
                super.updateItem(credential, empty);
                setText(empty || credential == null ? null : credential.name());
            }
        };
    }
}
