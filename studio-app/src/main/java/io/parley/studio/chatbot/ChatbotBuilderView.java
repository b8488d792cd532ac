package io.parley.studio.chatbot;

import io.parley.studio.chatbot.ChatbotBuilderViewModel.Step;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;

/**
 * The chatbot builder: the six steps on the left with a mark for each one done, the current
 * step in the middle with Back and Continue, and the live preview on the right.
 */
public final class ChatbotBuilderView extends VBox {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private static final double MIN_WIDTH_WITH_PREVIEW = 800;

    private final ChatbotBuilderViewModel viewModel;
    private final Map<Step, Node> bodies = new EnumMap<>(Step.class);
    private final VBox body = new VBox();
    private final ScrollPane scroll = new ScrollPane(body);

    public ChatbotBuilderView(ChatbotBuilderViewModel viewModel) {
        this.viewModel = viewModel;
        setId("chatbot-builder");
        setMinWidth(0); // its width then says how much room there is, which decides whether the preview fits
        getStyleClass().addAll("section", "builder");

        bodies.put(Step.BASIC, new BasicStepView(viewModel.basic()));
        bodies.put(Step.KNOWLEDGE, new KnowledgeStepView(viewModel.knowledge()));
        bodies.put(Step.INSTRUCTIONS, new InstructionsStepView(viewModel.instructions(),
                () -> viewModel.variables().names()));
        bodies.put(Step.VARIABLES, new VariablesStepView(viewModel.variables()));
        bodies.put(Step.CUSTOMIZE, new CustomizeStepView(viewModel.customize()));
        bodies.put(Step.DEPLOY, new DeployStepView(viewModel.deploy(), viewModel::openDeployedBot));
        // Once deployed the draft is gone: earlier steps show what went live but take no more edits.
        bodies.forEach((step, view) -> {
            if (step != Step.DEPLOY) {
                view.disableProperty().bind(viewModel.deployedProperty());
            }
        });
        body.getStyleClass().add("builder-body");
        scroll.setFitToWidth(true);
        scroll.disableProperty().bind(viewModel.loadingProperty()); // what is typed before the draft loads would be lost
        scroll.getStyleClass().add("builder-scroll");
        showStep(viewModel.stepProperty().get());
        viewModel.stepProperty().addListener((obs, was, is) -> showStep(is));
        // The result of deploying appears below the fold: bring it into view.
        viewModel.deploy().deployedProperty().addListener((obs, was, is) -> {
            if (is != null) {
                body.layout();
                scroll.setVvalue(scroll.getVmax());
            }
        });
        VBox middle = new VBox(12, scroll, footer());
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox.setHgrow(middle, Priority.ALWAYS);
        middle.setMinWidth(360);

        PreviewPane preview = new PreviewPane(viewModel);
        preview.setPrefWidth(340);
        preview.setMinWidth(280);
        // On a small screen the steps need the room: the preview comes back when the window is wider.
        Ui.showWhen(preview, widthProperty().greaterThan(MIN_WIDTH_WITH_PREVIEW));
        HBox main = new HBox(18, steps(), middle, preview);
        VBox.setVgrow(main, Priority.ALWAYS);

        Label problem = Ui.problemLabel("builder-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        Label editing = Ui.hint("");
        editing.setId("builder-editing");
        editing.textProperty().bind(viewModel.editingProperty());
        Ui.showWhen(editing, viewModel.editingProperty().isNotEmpty());
        getChildren().addAll(header(), editing, problem, main);
    }

    private void showStep(Step step) {
        body.getChildren().setAll(bodies.get(step));
        scroll.setVvalue(0);
    }

    private HBox header() {
        Label title = new Label();
        title.setId("builder-title");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            String name = viewModel.basic().nameProperty().get().strip();
            return name.isEmpty() ? "New chatbot" : name;
        }, viewModel.basic().nameProperty()));
        Label saved = new Label();
        saved.setId("save-status");
        saved.getStyleClass().add("save-status");
        saved.textProperty().bind(viewModel.saveStatusProperty());
        viewModel.saveStateProperty().addListener((obs, was, is) ->
                saved.pseudoClassStateChanged(FAILED, is == DraftAutoSave.State.FAILED));
        Button discard = new Button();
        discard.textProperty().bind(Bindings.when(viewModel.editingProperty().isEmpty()).then("Discard draft")
                .otherwise("Discard changes"));
        discard.setId("builder-discard");
        discard.getStyleClass().add("link-button");
        discard.setOnAction(event -> viewModel.discard());
        discard.disableProperty().bind(viewModel.deploy().deployedProperty().isNotNull());
        Button close = new Button("Close");
        close.setId("builder-close");
        close.getStyleClass().add("link-button");
        close.setOnAction(event -> viewModel.close());
        HBox header = new HBox(14, title, saved, Ui.spacer(), discard, close);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private VBox steps() {
        VBox steps = new VBox(4);
        steps.setId("builder-steps");
        steps.getStyleClass().add("builder-steps");
        for (Step step : Step.values()) {
            Label mark = new Label();
            mark.getStyleClass().add("step-mark");
            BooleanExpression complete = viewModel.completeProperty(step);
            mark.textProperty().bind(Bindings.when(complete).then("✓").otherwise(String.valueOf(step.ordinal() + 1)));
            Button item = new Button(step.title(), mark);
            item.setId("builder-step-" + step.name().toLowerCase(java.util.Locale.ROOT));
            item.getStyleClass().add("builder-step");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setGraphicTextGap(10);
            item.setOnAction(event -> viewModel.go(step));
            item.disableProperty().bind(viewModel.loadingProperty());
            Runnable mark2 = () -> {
                item.pseudoClassStateChanged(CURRENT, viewModel.stepProperty().get() == step);
                item.pseudoClassStateChanged(DONE, complete.get());
            };
            mark2.run();
            viewModel.stepProperty().addListener((obs, was, is) -> mark2.run());
            complete.addListener((obs, was, is) -> mark2.run());
            steps.getChildren().add(item);
        }
        steps.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return steps;
    }

    private HBox footer() {
        Button back = new Button("Back");
        back.setId("builder-back");
        back.getStyleClass().add("secondary-button");
        back.setOnAction(event -> viewModel.back());
        back.disableProperty().bind(viewModel.stepProperty().isEqualTo(Step.BASIC));
        Button next = new Button("Continue");
        next.setId("builder-next");
        next.getStyleClass().add("primary-button");
        next.setOnAction(event -> viewModel.next());
        next.visibleProperty().bind(viewModel.stepProperty().isNotEqualTo(Step.DEPLOY));
        next.managedProperty().bind(next.visibleProperty());
        HBox footer = new HBox(10, Ui.spacer(), back, next);
        footer.getStyleClass().add("wizard-footer");
        footer.setAlignment(Pos.CENTER_RIGHT);
        return footer;
    }
}
