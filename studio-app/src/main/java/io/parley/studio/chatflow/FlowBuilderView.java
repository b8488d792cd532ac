package io.parley.studio.chatflow;

import io.parley.canvas.view.FlowCanvas;
import io.parley.studio.chatbot.DraftAutoSave;
import io.parley.studio.chatbot.Ui;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.List;
import java.util.Set;

/**
 * The flow builder: the steps to add on the left, the canvas in the middle with the problems
 * found under it, and on the right the selected step's settings, the test chat or deploying.
 */
public final class FlowBuilderView extends VBox {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final FlowBuilderViewModel viewModel;
    private final FlowCanvas canvas;
    private final StackPane side = new StackPane();

    public FlowBuilderView(FlowBuilderViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        setId("flow-builder");
        getStyleClass().addAll("section", "flow-builder");
        canvas = new FlowCanvas(viewModel.commands(), new FlowNodeLook());
        canvas.setId("flow-canvas");
        canvas.setOneEdgePerOutput(true); // the engine follows one connection per exit
        canvas.setOnDrop((payload, at) -> {
            if (payload instanceof NodeKind kind) {
                viewModel.add(kind, at.getX(), at.getY());
            }
        });
        // once deployed the draft is gone: the flow shows what went live but takes no more edits
        canvas.disableProperty().bind(viewModel.loadingProperty().or(viewModel.deployedProperty().isNotNull()));
        viewModel.loadingProperty().addListener((obs, was, is) -> {
            if (!is) {
                javafx.application.Platform.runLater(canvas::fitToView);
            }
        });

        Label problem = Ui.problemLabel("flow-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        Label notice = Ui.hint("");
        notice.setId("flow-notice");
        notice.textProperty().bind(viewModel.noticeProperty());
        Ui.showWhen(notice, viewModel.noticeProperty().isNotEmpty());
        Label editing = Ui.hint("");
        editing.setId("flow-editing");
        editing.textProperty().bind(viewModel.editingProperty());
        Ui.showWhen(editing, viewModel.editingProperty().isNotEmpty());

        PaletteView palette = new PaletteView(viewModel, canvas);
        palette.disableProperty().bind(canvas.disableProperty());
        palette.setPrefWidth(200);
        palette.setMinWidth(170);
        Label checked = new Label();
        checked.setId("flow-check-summary");
        checked.getStyleClass().add("flow-check-summary");
        checked.textProperty().bind(viewModel.checkSummaryProperty());
        VBox middle = new VBox(6, canvasArea(), checked, problemsList());
        HBox.setHgrow(middle, Priority.ALWAYS);
        side.setPrefWidth(360);
        side.setMinWidth(300);
        VBox right = new VBox(8, panelSwitch(), side);
        VBox.setVgrow(side, Priority.ALWAYS);
        HBox main = new HBox(12, palette, middle, right);
        VBox.setVgrow(main, Priority.ALWAYS);
        getChildren().addAll(header(), editing, problem, notice, main);
        markProblems();
        markRuns();
    }

    private HBox header() {
        TextField name = new TextField();
        name.setId("flow-name");
        name.setPromptText("Name your chatflow");
        name.getStyleClass().add("flow-name");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        name.disableProperty().bind(viewModel.loadingProperty());
        name.setPrefColumnCount(18);
        Label saved = new Label();
        saved.setId("save-status");
        saved.getStyleClass().add("save-status");
        saved.textProperty().bind(viewModel.saveStatusProperty());
        viewModel.saveStateProperty().addListener((obs, was, is) ->
                saved.pseudoClassStateChanged(FAILED, is == DraftAutoSave.State.FAILED));
        Button undo = button("flow-undo", "Undo", viewModel::undo);
        Button redo = button("flow-redo", "Redo", viewModel::redo);
        Runnable history = () -> {
            boolean frozen = viewModel.loadingProperty().get() || viewModel.deployedProperty().get() != null;
            undo.setDisable(frozen || !viewModel.commands().canUndo());
            redo.setDisable(frozen || !viewModel.commands().canRedo());
            undo.setTooltip(new javafx.scene.control.Tooltip(viewModel.commands().undoLabel()
                    .map(l -> "Undo: " + l + " (Ctrl+Z)").orElse("Nothing to undo")));
            redo.setTooltip(new javafx.scene.control.Tooltip(viewModel.commands().redoLabel()
                    .map(l -> "Redo: " + l + " (Ctrl+Shift+Z)").orElse("Nothing to redo")));
        };
        history.run();
        viewModel.historyRevisionProperty().addListener((obs, was, is) -> history.run());
        javafx.scene.control.MenuButton tidy = arrangeMenu();
        Button export = button("flow-export", "Export", this::export);
        export.setTooltip(new javafx.scene.control.Tooltip("Save this flow as a file to share or import elsewhere"));
        Button discard = button("flow-discard", "Discard draft", viewModel::discard);
        discard.getStyleClass().setAll("button", "link-button");
        discard.disableProperty().bind(viewModel.deployedProperty().isNotNull());
        Button close = button("flow-close", "Close", viewModel::close);
        close.getStyleClass().setAll("button", "link-button");
        for (Button b : List.of(undo, redo, export)) {
            b.getStyleClass().setAll("button", "secondary-button");
        }
        javafx.beans.binding.BooleanBinding locked = viewModel.loadingProperty().or(viewModel.deployedProperty().isNotNull());
        tidy.disableProperty().bind(locked);
        export.disableProperty().bind(viewModel.loadingProperty());
        undo.getProperties().put("locked", locked);
        locked.addListener((obs, was, is) -> history.run());
        HBox header = new HBox(10, name, saved, Ui.spacer(), undo, redo, tidy, export, discard, close);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** Tidy up (lay everything out left to right) and aligning the selected steps. */
    private javafx.scene.control.MenuButton arrangeMenu() {
        javafx.scene.control.MenuItem tidy = new javafx.scene.control.MenuItem("Tidy up: lay out left to right");
        tidy.setId("flow-tidy");
        tidy.setOnAction(e -> {
            viewModel.tidyUp();
            canvas.fitToView();
        });
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton("Arrange");
        menu.setId("flow-arrange");
        menu.getStyleClass().add("secondary-button");
        menu.getItems().addAll(tidy, new javafx.scene.control.SeparatorMenuItem(),
                alignItem("Align left edges (Alt+Shift+L)", io.parley.canvas.command.Align.How.LEFT),
                alignItem("Align tops (Alt+Shift+T)", io.parley.canvas.command.Align.How.TOP),
                alignItem("Spread out across (Alt+Shift+H)", io.parley.canvas.command.Align.How.DISTRIBUTE_HORIZONTALLY),
                alignItem("Spread out down (Alt+Shift+V)", io.parley.canvas.command.Align.How.DISTRIBUTE_VERTICALLY));
        // aligning needs two or more selected steps
        menu.setOnShowing(e -> menu.getItems().stream().skip(2)
                .forEach(item -> item.setDisable(viewModel.graph().selection().size() < 2)));
        return menu;
    }

    private javafx.scene.control.MenuItem alignItem(String text, io.parley.canvas.command.Align.How how) {
        javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(text);
        item.setOnAction(e -> canvas.align(how));
        return item;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the chatflow");
        chooser.setInitialFileName(viewModel.exportFileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Chatflow files (*.json)", "*.json"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.export(file.toPath());
        }
    }

    private StackPane canvasArea() {
        Button fit = button("flow-fit", "Fit", canvas::fitToView);
        fit.getStyleClass().setAll("button", "secondary-button", "canvas-tool");
        fit.setTooltip(new javafx.scene.control.Tooltip("Show the whole flow (F)"));
        Label hints = new Label("Drag from a dot on the right of a step to the left of another to connect them · "
                + "Delete removes · Ctrl+Z undoes");
        hints.getStyleClass().add("canvas-hint");
        HBox tools = new HBox(6, fit);
        tools.setPickOnBounds(false);
        tools.setAlignment(Pos.TOP_RIGHT);
        StackPane.setAlignment(hints, Pos.BOTTOM_LEFT);
        hints.setMouseTransparent(true);
        io.parley.canvas.view.Minimap minimap = new io.parley.canvas.view.Minimap(canvas);
        minimap.setId("flow-minimap");
        StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(minimap, new javafx.geometry.Insets(0, 10, 10, 0));
        // a flow that fits in view needs no map: it shows once there are enough steps to get lost in
        minimap.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.graph().nodes().size() >= 6, viewModel.historyRevisionProperty(),
                viewModel.loadingProperty()));
        StackPane area = new StackPane(canvas, tools, hints, minimap);
        area.getStyleClass().add("flow-canvas-area");
        VBox.setVgrow(area, Priority.ALWAYS);
        return area;
    }

    private ListView<Problem> problemsList() {
        ListView<Problem> list = new ListView<>(viewModel.problems());
        list.setId("flow-problems");
        list.getStyleClass().add("flow-problems");
        list.setPrefHeight(110);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Problem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                getStyleClass().add(item.error() ? "problem-error" : "problem-warning");
                setText((item.error() ? "✕ " : "! ") + item.text());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            if (is != null && is.nodeId() != null) {
                viewModel.select(is.nodeId());
                canvas.reveal(is.nodeId());
            }
        });
        Ui.showWhen(list, Bindings.isNotEmpty(viewModel.problems()));
        return list;
    }

    private HBox panelSwitch() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton step = toggle("panel-step", "Step", group);
        ToggleButton test = toggle("panel-test", "Test flow", group);
        ToggleButton look = toggle("panel-look", "Look", group);
        ToggleButton publish = toggle("panel-publish", "Deploy", group);
        InspectorView inspector = new InspectorView(viewModel);
        javafx.scene.control.ScrollPane lookPanel = new javafx.scene.control.ScrollPane(
                io.parley.studio.chatbot.CustomizeStepView.forChatflow(viewModel.look()));
        lookPanel.setId("flow-look");
        lookPanel.setFitToWidth(true);
        lookPanel.getStyleClass().add("flow-inspector");
        inspector.disableProperty().bind(viewModel.deployedProperty().isNotNull());
        TestPanelView testPanel = new TestPanelView(viewModel);
        PublishPanelView publishPanel = new PublishPanelView(viewModel);
        group.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is == null) {
                was.setSelected(true); // one panel is always shown
                return;
            }
            side.getChildren().setAll(is == step ? inspector : is == test ? testPanel : is == look ? lookPanel
                    : publishPanel);
        });
        step.setSelected(true);
        // selecting a step shows its settings, unless a test or a deploy is what one is looking at
        viewModel.selectedProperty().addListener((obs, was, is) -> {
            if (is != null && was == null && (group.getSelectedToggle() == publish || group.getSelectedToggle() == look)) {
                step.setSelected(true);
            }
        });
        step.getStyleClass().add("first");
        publish.getStyleClass().add("last");
        HBox bar = new HBox(0, step, test, look, publish);
        bar.getStyleClass().add("segmented");
        return bar;
    }

    private static ToggleButton toggle(String id, String text, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(group);
        b.getStyleClass().add("segment");
        return b;
    }

    private void markProblems() {
        viewModel.problems().addListener((ListChangeListener<Problem>) change -> {
            canvas.mark("problem", viewModel.problems().stream().filter(Problem::error).map(Problem::nodeId)
                    .filter(id -> id != null).toList());
            canvas.mark("warning", viewModel.problems().stream().filter(p -> !p.error()).map(Problem::nodeId)
                    .filter(id -> id != null).toList());
        });
    }

    private void markRuns() {
        FlowTestRun run = viewModel.testRun();
        run.currentProperty().addListener((obs, was, is) -> canvas.mark("running", is == null ? Set.of() : Set.of(is)));
        run.ranProperty().addListener((obs, was, is) -> canvas.mark("ran", is));
    }

    /** The canvas, for tests. */
    FlowCanvas canvas() {
        return canvas;
    }
}
