package io.parley.studio.chatbot;

import io.parley.studio.chatbot.KbChoice.SearchMethod;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Knowledge: a checklist of the workspace's ready knowledge bases, each with optional search settings. */
final class KnowledgeStepView extends VBox {

    private final KnowledgeStepViewModel viewModel;
    private final VBox list = new VBox(10);

    KnowledgeStepView(KnowledgeStepViewModel viewModel) {
        this.viewModel = viewModel;
        Label none = Ui.hint("No knowledge base is ready in this workspace yet. Make one under Knowledge bases, "
                + "or go on without: the chatbot then answers from its instructions alone.");
        Ui.showWhen(none, Bindings.isEmpty(viewModel.choices()));
        Button skip = new Button("Continue without a knowledge base");
        skip.setId("kb-skip");
        skip.getStyleClass().add("link-button");
        skip.setOnAction(event -> viewModel.skip());
        Label skipped = Ui.hint("This chatbot answers without looking anything up.");
        skipped.setId("kb-skipped");
        Ui.showWhen(skipped, viewModel.skippedProperty());
        Label notReady = Ui.hint("");
        notReady.setId("kb-not-ready");
        notReady.textProperty().bind(viewModel.notReadyProperty());
        Ui.showWhen(notReady, viewModel.notReadyProperty().isNotEmpty());
        rebuild();
        viewModel.choices().addListener((ListChangeListener<KbChoice>) change -> {
            while (change.next()) {
                if (change.wasAdded() || change.wasRemoved()) {
                    rebuild();
                    return;
                }
            }
        });
        getChildren().add(Ui.card(Ui.heading("What should it know?", "Tick the knowledge bases your chatbot "
                + "searches before it answers. It quotes what it finds, so people can check."), none, list, notReady, skip,
                skipped));
    }

    private void rebuild() {
        list.getChildren().setAll(viewModel.choices().stream().map(this::row).toList());
    }

    private VBox row(KbChoice choice) {
        CheckBox use = new CheckBox(choice.name());
        use.setId("kb-use-" + choice.kbId());
        use.getStyleClass().add("item-name");
        use.selectedProperty().bindBidirectional(choice.enabledProperty());
        Label detail = new Label(choice.detail());
        detail.getStyleClass().add("item-detail");
        ToggleButton advanced = new ToggleButton("Advanced");
        advanced.setId("kb-advanced-" + choice.kbId());
        advanced.getStyleClass().add("link-button");
        advanced.selectedProperty().bindBidirectional(choice.advancedProperty());
        advanced.disableProperty().bind(choice.enabledProperty().not());
        HBox top = new HBox(10, use, detail, Ui.spacer(), advanced);
        top.setAlignment(Pos.CENTER_LEFT);

        ComboBox<SearchMethod> method = new ComboBox<>(FXCollections.observableArrayList(SearchMethod.values()));
        method.setId("kb-method-" + choice.kbId());
        method.valueProperty().bindBidirectional(choice.methodProperty());
        VBox settings = new VBox(10, Ui.field("How many passages it reads per answer",
                Ui.intSpinner("kb-topk-" + choice.kbId(), 1, 20, 1, choice.topKProperty().asObject())),
                Ui.field("Search by", method));
        settings.getStyleClass().add("indent");
        Ui.showWhen(settings, choice.advancedProperty().and(choice.enabledProperty()));
        VBox row = new VBox(8, top, settings);
        row.getStyleClass().add("choice");
        return row;
    }
}
