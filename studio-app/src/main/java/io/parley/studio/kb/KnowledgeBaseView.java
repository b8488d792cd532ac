package io.parley.studio.kb;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Arrays;
import java.util.Locale;

import static io.parley.studio.kb.KbWizardView.card;
import static io.parley.studio.kb.KbWizardView.problemLabel;
import static io.parley.studio.kb.KbWizardView.spacer;

/**
 * A knowledge base's page: what it holds and how processing goes, its documents (add, remove,
 * process again, annotations), and the retrieval test.
 */
public final class KnowledgeBaseView extends VBox {

    private final KnowledgeBaseViewModel viewModel;
    private final AnnotationEditor annotations;

    public KnowledgeBaseView(KnowledgeBaseViewModel viewModel) {
        this.viewModel = viewModel;
        this.annotations = new AnnotationEditor(viewModel);
        setId("kb-page");
        getStyleClass().addAll("section", "kb-page");

        Button back = new Button("‹ Knowledge bases");
        back.setId("kb-back");
        back.getStyleClass().add("link-button");
        back.setOnAction(event -> viewModel.back());
        Label title = new Label();
        title.setId("kb-title");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(viewModel.nameProperty());
        Label facts = new Label();
        facts.setId("kb-facts");
        facts.getStyleClass().add("section-subtitle");
        facts.textProperty().bind(viewModel.factsProperty());
        Button delete = new Button("Delete…");
        delete.setId("kb-delete");
        delete.getStyleClass().add("danger-button");
        delete.setOnAction(event -> confirmDelete());
        HBox header = new HBox(new VBox(4, back, title, facts), spacer(), delete);
        header.setAlignment(Pos.TOP_LEFT);

        Label problem = problemLabel("kb-problem");
        problem.textProperty().bind(viewModel.problemProperty());

        Tab settings = new Tab("Settings");
        // Built on first visit: it loads the model and chunking options from the server.
        settings.setOnSelectionChanged(event -> {
            if (settings.isSelected() && settings.getContent() == null) {
                settings.setContent(new KbSettingsView(viewModel));
            }
        });
        TabPane tabs = new TabPane(new Tab("Documents", documentsTab()),
                new Tab("Test retrieval", new RetrievalTestView(viewModel.retrieval())), settings);
        tabs.setId("kb-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        getChildren().addAll(header, problem, tabs);
    }

    private Node documentsTab() {
        ProgressBar overall = new ProgressBar();
        overall.setId("kb-progress");
        overall.progressProperty().bind(viewModel.progressProperty());
        overall.setPrefWidth(220);
        overall.visibleProperty().bind(viewModel.processingProperty());
        overall.managedProperty().bind(overall.visibleProperty());
        Label progressText = new Label();
        progressText.setId("kb-progress-text");
        progressText.textProperty().bind(viewModel.progressTextProperty());
        Label notice = new Label();
        notice.setId("kb-notice");
        notice.getStyleClass().add("hint");
        notice.textProperty().bind(viewModel.noticeProperty());
        ToggleButton add = new ToggleButton("Add documents");
        add.setId("kb-add-documents");
        add.getStyleClass().add("secondary-button");
        HBox status = new HBox(12, overall, progressText, notice, spacer(), add);
        status.setAlignment(Pos.CENTER_LEFT);

        VBox input = card(new SourceInputView(viewModel));
        input.visibleProperty().bind(add.selectedProperty());
        input.managedProperty().bind(input.visibleProperty());

        ListView<DocumentRow> list = new ListView<>(viewModel.documents());
        list.setId("document-list");
        list.getStyleClass().add("plain-list");
        Label placeholder = new Label();
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.loadedProperty())
                .then("No documents yet: use “Add documents”.").otherwise("Loading…"));
        list.setPlaceholder(placeholder);
        list.setCellFactory(view -> new DocumentCell());
        VBox.setVgrow(list, Priority.ALWAYS);

        VBox tab = new VBox(12, status, input, list, annotations);
        tab.getStyleClass().add("tab-body");
        return tab;
    }

    private void confirmDelete() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Delete “" + viewModel.nameProperty().get() + "” and all its documents? Chatbots that use it "
                        + "will no longer find anything in it. This cannot be undone.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText("Delete this knowledge base?");
        confirm.initOwner(getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> viewModel.delete());
    }

    private final class DocumentCell extends ListCell<DocumentRow> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Label problem = new Label();
        private final ProgressBar progress = new ProgressBar();
        private final Label status = new Label();
        private final Button again = new Button();
        private final Button annotate = new Button("Annotations…");
        private final Button remove = new Button("Remove");
        private final HBox box;

        DocumentCell() {
            name.getStyleClass().add("item-name");
            detail.getStyleClass().add("item-detail");
            problem.getStyleClass().add("inline-problem");
            problem.setWrapText(true);
            problem.managedProperty().bind(problem.visibleProperty());
            progress.setPrefWidth(120);
            status.getStyleClass().add("document-status");
            status.setMinWidth(90);
            for (Button b : new Button[] {again, annotate, remove}) {
                b.getStyleClass().add("link-button");
                b.setMinWidth(Region.USE_PREF_SIZE); // a long error message wraps; the actions stay whole
            }
            progress.setMinWidth(Region.USE_PREF_SIZE);
            VBox text = new VBox(2, name, detail, problem);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            text.setMinWidth(0);
            setPrefWidth(0); // the cell follows the list's width instead of widening it
            box = new HBox(12, text, progress, status, again, annotate, remove);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(DocumentRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            setId("document-" + row.name());
            name.setText(row.name());
            String tags = row.tags().isEmpty() ? "" : " · tags: " + String.join(", ", row.tags());
            String importance = row.importance() == 1.0 ? "" : " · importance " + row.importance();
            detail.setText(row.kind() + " · " + row.chunkCount() + (row.chunkCount() == 1 ? " chunk" : " chunks")
                    + importance + tags);
            problem.setText(row.problem());
            problem.setVisible(row.status() == DocumentRow.Status.ERROR && !row.problem().isEmpty());
            progress.setProgress(row.progress());
            progress.getStyleClass().removeAll("failed", "ready");
            if (row.status() == DocumentRow.Status.ERROR) {
                progress.getStyleClass().add("failed");
            } else if (row.status() == DocumentRow.Status.READY) {
                progress.getStyleClass().add("ready");
            }
            status.setText(row.status().label());
            again.setText(row.status() == DocumentRow.Status.ERROR ? "Retry" : "Process again");
            again.setDisable(!row.settled());
            again.setOnAction(event -> viewModel.reprocess(row));
            annotate.setOnAction(event -> annotations.edit(row));
            remove.setOnAction(event -> viewModel.remove(row));
            setGraphic(box);
        }
    }

    /** Edits one document's importance and tags, below the list. */
    private static final class AnnotationEditor extends VBox {
        private final KnowledgeBaseViewModel viewModel;
        private final Label title = new Label();
        private final Slider importance = new Slider(0.5, 2.0, 1.0);
        private final Label importanceText = new Label();
        private final TextField tags = new TextField();
        private DocumentRow editing;

        AnnotationEditor(KnowledgeBaseViewModel viewModel) {
            this.viewModel = viewModel;
            setId("annotation-editor");
            getStyleClass().add("card");
            setSpacing(10);
            title.getStyleClass().add("card-title");
            importance.setId("annotation-importance");
            importance.setMajorTickUnit(0.5);
            importance.setMinorTickCount(4);
            importance.setSnapToTicks(true);
            importance.setShowTickMarks(true);
            importance.setPrefWidth(240);
            importance.valueProperty().addListener((obs, was, is) -> importanceText.setText(describe(is.doubleValue())));
            tags.setId("annotation-tags");
            tags.setPromptText("Words people use for this, separated by commas: refund, return, money back");
            HBox.setHgrow(tags, Priority.ALWAYS);
            Button save = new Button("Save");
            save.setId("annotation-save");
            save.getStyleClass().add("primary-button");
            save.setOnAction(event -> save());
            Button cancel = new Button("Cancel");
            cancel.getStyleClass().add("link-button");
            cancel.setOnAction(event -> close());
            Label hint = new Label("Important documents rank higher. Tags help when a question uses those words.");
            hint.getStyleClass().add("hint");
            HBox importanceRow = new HBox(10, KbWizardView.fieldLabel("Importance"), importance, importanceText);
            importanceRow.setAlignment(Pos.CENTER_LEFT);
            HBox tagsRow = new HBox(10, KbWizardView.fieldLabel("Tags"), tags);
            tagsRow.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(title, importanceRow, tagsRow, hint, new HBox(10, save, cancel));
            close();
        }

        void edit(DocumentRow row) {
            editing = row;
            title.setText("Annotations of " + row.name());
            importance.setValue(row.importance());
            importanceText.setText(describe(row.importance()));
            tags.setText(String.join(", ", row.tags()));
            setVisible(true);
            setManaged(true);
        }

        private void save() {
            if (editing != null) {
                viewModel.annotate(editing, importance.getValue(), Arrays.asList(tags.getText().split(",")));
            }
            close();
        }

        private void close() {
            editing = null;
            setVisible(false);
            setManaged(false);
        }

        private static String describe(double value) {
            String words = value < 0.9 ? "background" : value > 1.6 ? "authoritative" : value > 1.1 ? "important"
                    : "normal";
            return String.format(Locale.ROOT, "%.1f · %s", value, words);
        }
    }
}
