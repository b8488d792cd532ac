package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi.Issue;
import io.parley.studio.api.KnowledgeBaseApi.ModelOption;
import io.parley.studio.api.KnowledgeBaseApi.PreviewChunk;
import io.parley.studio.api.KnowledgeBaseApi.StrategyOption;
import io.parley.studio.api.KnowledgeBaseApi.Validation;
import io.parley.studio.kb.KbWizardViewModel.Step;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The new-knowledge-base wizard, one step at a time, with Back and Next at the bottom. */
public final class KbWizardView extends VBox {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");

    private final KbWizardViewModel viewModel;
    private final Map<Step, Node> bodies = new EnumMap<>(Step.class);
    private final StackPane body = new StackPane();

    public KbWizardView(KbWizardViewModel viewModel) {
        this.viewModel = viewModel;
        setId("kb-wizard");
        getStyleClass().addAll("section", "wizard");

        Label title = new Label("New knowledge base");
        title.getStyleClass().add("section-title");
        Button cancel = new Button("Cancel");
        cancel.setId("wizard-cancel");
        cancel.getStyleClass().add("link-button");
        cancel.setOnAction(event -> viewModel.cancel());
        HBox header = new HBox(title, spacer(), cancel);
        header.setAlignment(Pos.CENTER_LEFT);

        Label problem = problemLabel("wizard-problem");
        problem.textProperty().bind(viewModel.problemProperty());

        bodies.put(Step.NAME, nameStep());
        bodies.put(Step.SOURCES, sourcesStep());
        bodies.put(Step.CHUNKING, chunkingStep());
        bodies.put(Step.MODEL, modelStep());
        bodies.put(Step.REVIEW, reviewStep());
        VBox.setVgrow(body, Priority.ALWAYS);
        showStep(viewModel.stepProperty().get());
        viewModel.stepProperty().addListener((obs, was, is) -> showStep(is));

        getChildren().addAll(header, stepIndicator(), problem, body, footer());
    }

    private void showStep(Step step) {
        body.getChildren().setAll(bodies.get(step));
    }

    private HBox stepIndicator() {
        HBox steps = new HBox();
        steps.getStyleClass().add("steps");
        for (Step step : Step.values()) {
            Label number = new Label(String.valueOf(step.ordinal() + 1));
            number.getStyleClass().add("step-number");
            Label name = new Label(step.title());
            name.getStyleClass().add("step-name");
            HBox item = new HBox(8, number, name);
            item.setId("step-" + step.name().toLowerCase());
            item.getStyleClass().add("step");
            item.setAlignment(Pos.CENTER_LEFT);
            Runnable mark = () -> {
                Step current = viewModel.stepProperty().get();
                item.pseudoClassStateChanged(CURRENT, current == step);
                item.pseudoClassStateChanged(DONE, current.ordinal() > step.ordinal());
            };
            mark.run();
            viewModel.stepProperty().addListener((obs, was, is) -> mark.run());
            steps.getChildren().add(item);
            if (step != Step.REVIEW) {
                Region line = new Region();
                line.getStyleClass().add("step-line");
                HBox.setHgrow(line, Priority.ALWAYS);
                steps.getChildren().add(line);
            }
        }
        steps.setAlignment(Pos.CENTER_LEFT);
        return steps;
    }

    private HBox footer() {
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        busy.visibleProperty().bind(viewModel.busyProperty());
        Button back = new Button("Back");
        back.setId("wizard-back");
        back.getStyleClass().add("secondary-button");
        back.setOnAction(event -> viewModel.back());
        back.disableProperty().bind(viewModel.stepProperty().isEqualTo(Step.NAME).or(viewModel.busyProperty()));
        Button next = new Button();
        next.setId("wizard-next");
        next.getStyleClass().add("primary-button");
        next.textProperty().bind(Bindings.when(viewModel.stepProperty().isEqualTo(Step.REVIEW))
                .then("Create knowledge base").otherwise("Next"));
        next.disableProperty().bind(viewModel.nextAllowedProperty().not());
        next.setDefaultButton(true);
        next.setOnAction(event -> viewModel.next());
        HBox footer = new HBox(10, busy, spacer(), back, next);
        footer.getStyleClass().add("wizard-footer");
        footer.setAlignment(Pos.CENTER_RIGHT);
        return footer;
    }

    // ---- steps

    private Node nameStep() {
        TextField name = new TextField();
        name.setId("kb-name");
        name.setPromptText("For example “Help center” or “Product manuals”");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextArea description = new TextArea();
        description.setId("kb-description");
        description.setPromptText("What is in it, and when should a chatbot look here? (optional)");
        description.setWrapText(true);
        description.setPrefRowCount(3);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        VBox card = card(
                heading("Name your knowledge base", "A knowledge base holds documents your chatbots search "
                        + "before they answer. You can add more documents later."),
                fieldLabel("Name"), name, fieldLabel("Description"), description);
        card.setMaxWidth(640);
        return top(card);
    }

    private Node sourcesStep() {
        SourceInputView input = new SourceInputView(viewModel);
        ListView<SourceRow> list = new ListView<>(viewModel.sources());
        list.setId("source-list");
        list.getStyleClass().add("plain-list");
        list.setPlaceholder(new Label("No sources yet. Add files, a web site or some text above."));
        list.setCellFactory(view -> new SourceCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(14, card(heading("Add sources", "Everything you add here is read, cut into "
                + "passages and made searchable when you create the knowledge base."), input), list);
        return box;
    }

    private final class SourceCell extends ListCell<SourceRow> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Button remove = new Button("Remove");
        private final HBox box;

        SourceCell() {
            name.getStyleClass().add("item-name");
            detail.getStyleClass().add("item-detail");
            detail.setWrapText(true);
            remove.getStyleClass().add("link-button");
            VBox text = new VBox(2, name, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            box = new HBox(10, text, remove);
            box.setAlignment(Pos.CENTER_LEFT);
            text.setMinWidth(0);
            setPrefWidth(0); // the cell follows the list's width instead of widening it
        }

        @Override
        protected void updateItem(SourceRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.name());
            boolean failed = row.state() == SourceRow.State.FAILED;
            detail.setText(failed ? row.problem() : row.detail());
            detail.pseudoClassStateChanged(PseudoClass.getPseudoClass("failed"), failed);
            remove.setDisable(row.state() == SourceRow.State.ADDING);
            remove.setOnAction(event -> viewModel.removeSource(row));
            setGraphic(box);
        }
    }

    private Node chunkingStep() {
        ToggleGroup group = new ToggleGroup();
        VBox strategies = new VBox(8);
        Runnable rebuild = () -> {
            strategies.getChildren().clear();
            for (StrategyOption option : viewModel.strategies()) {
                RadioButton radio = new RadioButton(option.name());
                radio.setId("strategy-" + option.id());
                radio.setToggleGroup(group);
                radio.setUserData(option);
                radio.setSelected(option.equals(viewModel.strategyProperty().get()));
                Label about = new Label(option.description());
                about.getStyleClass().add("hint");
                about.setWrapText(true);
                strategies.getChildren().add(new VBox(2, radio, indent(about)));
            }
        };
        rebuild.run();
        viewModel.strategies().addListener((ListChangeListener<StrategyOption>) change -> rebuild.run());
        group.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is != null) {
                viewModel.strategyProperty().set((StrategyOption) is.getUserData());
            }
        });
        viewModel.strategyProperty().addListener((obs, was, is) -> group.getToggles().forEach(
                t -> t.setSelected(t.getUserData().equals(is))));

        Spinner<Integer> size = intSpinner("chunk-size", 32, 2048, 50, viewModel.chunkSizeProperty().asObject());
        Spinner<Integer> overlap = intSpinner("chunk-overlap", 0, 512, 10,
                viewModel.chunkOverlapProperty().asObject());
        HBox sizes = new HBox(16, new VBox(4, fieldLabel("Chunk size"), size),
                new VBox(4, fieldLabel("Overlap"), overlap));
        Label sizesHint = new Label("Sizes are in tokens (about ¾ of a word). Smaller chunks find precise facts; "
                + "larger ones keep more context. Overlap repeats the end of one chunk at the start of the next.");
        sizesHint.getStyleClass().add("hint");
        sizesHint.setWrapText(true);
        VBox settings = card(heading("How to cut documents", "Chatbots are given the passages that match a "
                + "question, so how documents are cut matters."), strategies, sizes, sizesHint);
        settings.setPrefWidth(380);
        settings.setMinWidth(320);

        Label summary = new Label();
        summary.setId("preview-summary");
        summary.getStyleClass().add("item-name");
        summary.textProperty().bind(viewModel.previewSummaryProperty());
        ProgressIndicator working = new ProgressIndicator();
        working.getStyleClass().add("small-progress");
        working.visibleProperty().bind(viewModel.previewingProperty());
        Label problem = problemLabel("preview-problem");
        problem.textProperty().bind(viewModel.previewProblemProperty());
        ListView<PreviewChunk> chunks = new ListView<>(viewModel.previewChunks());
        chunks.setId("preview-chunks");
        chunks.getStyleClass().add("plain-list");
        chunks.setPlaceholder(new Label("The preview appears here."));
        chunks.setCellFactory(view -> new ChunkCell());
        VBox.setVgrow(chunks, Priority.ALWAYS);
        HBox previewHeader = new HBox(8, new Label("Preview"), summary, spacer(), working);
        previewHeader.getStyleClass().add("card-title-row");
        previewHeader.setAlignment(Pos.CENTER_LEFT);
        VBox preview = new VBox(10, previewHeader, problem, chunks);
        preview.getStyleClass().add("card");
        HBox.setHgrow(preview, Priority.ALWAYS);
        return new HBox(16, settings, preview);
    }

    private static final class ChunkCell extends ListCell<PreviewChunk> {
        private final Label where = new Label();
        private final Label text = new Label();
        private final VBox box = new VBox(4, where, text);

        ChunkCell() {
            where.getStyleClass().add("item-detail");
            text.setWrapText(true);
            text.getStyleClass().add("chunk-text");
            text.setMaxHeight(110);
            box.getStyleClass().add("chunk");
            text.setMinWidth(0);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PreviewChunk chunk, boolean empty) {
            super.updateItem(chunk, empty);
            setText(null);
            if (empty || chunk == null) {
                setGraphic(null);
                return;
            }
            StringBuilder line = new StringBuilder(chunk.sourceName()).append(" · chunk ").append(chunk.position() + 1);
            if (chunk.page() != null) {
                line.append(" · page ").append(chunk.page());
            }
            if (chunk.headingPath() != null && !chunk.headingPath().isEmpty()) {
                line.append(" · ").append(String.join(" › ", chunk.headingPath()));
            }
            if (chunk.table()) {
                line.append(" · table");
            }
            if ("parent".equals(chunk.role())) {
                line.append(" · passage given to the answer");
            }
            line.append(" · ").append(chunk.tokenCount()).append(" tokens");
            where.setText(line.toString());
            text.setText(chunk.text());
            setGraphic(box);
        }
    }

    private Node modelStep() {
        ToggleGroup group = new ToggleGroup();
        VBox options = new VBox(10);
        Runnable rebuild = () -> {
            options.getChildren().clear();
            for (ModelOption option : viewModel.models()) {
                RadioButton radio = new RadioButton(option.id() + (option.isDefault() ? "  (recommended)" : ""));
                radio.setId("model-" + option.id());
                radio.setToggleGroup(group);
                radio.setUserData(option);
                radio.setSelected(option.equals(viewModel.modelProperty().get()));
                Label about = new Label(option.description());
                about.getStyleClass().add("hint");
                about.setWrapText(true);
                VBox choice = new VBox(3, radio, indent(about));
                choice.getStyleClass().add("choice");
                options.getChildren().add(choice);
            }
        };
        rebuild.run();
        viewModel.models().addListener((ListChangeListener<ModelOption>) change -> rebuild.run());
        group.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is != null) {
                viewModel.modelProperty().set((ModelOption) is.getUserData());
            }
        });
        VBox card = card(heading("Choose how passages are matched", "The model turns passages and questions "
                + "into numbers that capture their meaning. It runs on this computer: nothing is sent anywhere. "
                + "You can change it later; everything is then processed again."), options);
        card.setMaxWidth(640);
        return top(card);
    }

    private Node reviewStep() {
        VBox summary = new VBox(4);
        VBox errors = new VBox(4);
        VBox warnings = new VBox(4);
        Runnable fill = () -> {
            summary.getChildren().setAll(viewModel.summary().stream().map(line -> (Node) new Label(line)).toList());
            Validation result = viewModel.validationProperty().get();
            errors.getChildren().setAll(lines(result == null ? List.of() : result.errors(), "review-error"));
            warnings.getChildren().setAll(lines(result == null ? List.of() : result.warnings(), "review-warning"));
        };
        viewModel.validationProperty().addListener((obs, was, is) -> fill.run());
        viewModel.stepProperty().addListener((obs, was, is) -> fill.run());
        fill.run();
        Label checking = new Label("Checking…");
        checking.getStyleClass().add("hint");
        checking.visibleProperty().bind(viewModel.validationProperty().isNull());
        checking.managedProperty().bind(checking.visibleProperty());
        VBox card = card(heading("Ready to create", "Creating reads every source, cuts it into chunks and "
                + "makes them searchable. This runs in the background; you can watch each document's progress."),
                summary, checking, errors, warnings);
        card.setMaxWidth(640);
        return top(card);
    }

    private static List<Node> lines(List<Issue> issues, String styleClass) {
        return issues.stream().map(issue -> {
            Label line = new Label(issue.message());
            line.setWrapText(true);
            line.getStyleClass().add(styleClass);
            return (Node) line;
        }).toList();
    }

    // ---- small builders

    static Spinner<Integer> intSpinner(String id, int min, int max, int step, ObjectProperty<Integer> value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value.get(), step);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(100);
        spinner.getValueFactory().valueProperty().bindBidirectional(value);
        spinner.getProperties().put("bound-value", value); // a bidirectional binding holds it only weakly
        return spinner;
    }

    static VBox card(Node... children) {
        VBox card = new VBox(12, children);
        card.getStyleClass().add("card");
        return card;
    }

    static VBox heading(String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Label d = new Label(text);
        d.getStyleClass().add("hint");
        d.setWrapText(true);
        return new VBox(4, t, d);
    }

    static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    static Label problemLabel(String id) {
        Label problem = new Label();
        problem.setId(id);
        problem.getStyleClass().add("inline-problem");
        problem.setWrapText(true);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static Node indent(Node node) {
        HBox box = new HBox(node);
        box.getStyleClass().add("indent");
        return box;
    }

    private static VBox top(Node node) {
        VBox box = new VBox(node);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }
}
