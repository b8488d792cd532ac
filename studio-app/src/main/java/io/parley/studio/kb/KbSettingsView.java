package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi.ModelOption;
import io.parley.studio.api.KnowledgeBaseApi.StrategyOption;
import io.parley.studio.kb.RetrievalTestViewModel.Method;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.function.Function;

import static io.parley.studio.kb.KbWizardView.card;
import static io.parley.studio.kb.KbWizardView.fieldLabel;
import static io.parley.studio.kb.KbWizardView.heading;
import static io.parley.studio.kb.KbWizardView.intSpinner;

/** The settings tab of a knowledge base's page. */
final class KbSettingsView extends ScrollPane {

    KbSettingsView(KnowledgeBaseViewModel page) {
        KbSettingsViewModel viewModel = page.settings();
        getStyleClass().add("settings-scroll");
        setFitToWidth(true);

        TextField name = new TextField();
        name.setId("settings-name");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextArea description = new TextArea();
        description.setId("settings-description");
        description.setWrapText(true);
        description.setPrefRowCount(2);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        VBox about = card(heading("About", "What chatbots and your team see."), fieldLabel("Name"), name,
                fieldLabel("Description"), description);

        ComboBox<ModelOption> model = combo("settings-model", viewModel.models(), viewModel.modelProperty(),
                m -> m.id() + (m.isDefault() ? " (recommended)" : ""));
        Label modelHint = new Label();
        modelHint.getStyleClass().add("hint");
        modelHint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.modelProperty().get() == null ? "" : viewModel.modelProperty().get().description(),
                viewModel.modelProperty()));
        ComboBox<StrategyOption> strategy = combo("settings-strategy", viewModel.strategies(),
                viewModel.strategyProperty(), StrategyOption::name);
        Spinner<Integer> size = intSpinner("settings-chunk-size", 32, 2048, 50, viewModel.chunkSizeProperty().asObject());
        Spinner<Integer> overlap = intSpinner("settings-chunk-overlap", 0, 512, 10,
                viewModel.chunkOverlapProperty().asObject());
        HBox sizes = new HBox(16, new VBox(4, fieldLabel("Chunking"), strategy),
                new VBox(4, fieldLabel("Chunk size"), size), new VBox(4, fieldLabel("Overlap"), overlap));
        VBox processing = card(heading("Processing", "Changing the model or the chunking processes every "
                + "document again; searches answer from what is ready meanwhile."),
                fieldLabel("Model"), model, modelHint, sizes);

        ComboBox<Method> method = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(Method.values()));
        method.setId("settings-search-method");
        method.valueProperty().bindBidirectional(viewModel.searchMethodProperty());
        method.setConverter(converter(m -> m.label() + ": " + m.explanation()));
        Spinner<Integer> topK = intSpinner("settings-top-k", 1, 50, 1, viewModel.topKProperty().asObject());
        VBox search = card(heading("Search defaults", "How chatbots search this knowledge base, unless a "
                + "chatbot says otherwise."), new HBox(16, new VBox(4, fieldLabel("Method"), method),
                new VBox(4, fieldLabel("Passages given to the answer"), topK)));

        Button save = new Button("Save settings");
        save.setId("settings-save");
        save.getStyleClass().add("primary-button");
        save.disableProperty().bind(viewModel.loadedProperty().not().or(viewModel.savingProperty()));
        save.setOnAction(event -> {
            if (!viewModel.reprocessingNeeded() || confirmReprocessing()) {
                page.saveSettings();
            }
        });
        Label message = new Label();
        message.setId("settings-message");
        message.getStyleClass().add("hint");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        HBox actions = new HBox(12, save, message);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(14, about, processing, search, actions);
        form.getStyleClass().add("tab-body");
        form.setMaxWidth(720);
        setContent(form);
        viewModel.load();
    }

    private boolean confirmReprocessing() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Every document will be read, cut and embedded "
                + "again with the new settings. It runs in the background; searches answer from what is ready "
                + "meanwhile.", ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText("Process all documents again?");
        confirm.initOwner(getScene().getWindow());
        return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    private static <T> ComboBox<T> combo(String id, javafx.collections.ObservableList<T> items,
                                         ObjectProperty<T> value, Function<T, String> label) {
        ComboBox<T> combo = new ComboBox<>(items);
        combo.setId(id);
        combo.valueProperty().bindBidirectional(value);
        combo.setConverter(converter(label));
        return combo;
    }

    private static <T> StringConverter<T> converter(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : label.apply(item);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
