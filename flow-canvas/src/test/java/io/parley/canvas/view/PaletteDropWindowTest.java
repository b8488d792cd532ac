package io.parley.canvas.view;

import io.parley.canvas.Fixtures;
import io.parley.canvas.command.AddNode;
import io.parley.canvas.command.CommandStack;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** What an application builds on the canvas: a palette dragged from, cards with summaries, marked nodes. */
class PaletteDropWindowTest {

    private final FxRobot robot = new FxRobot();
    private Graph graph;
    private CommandStack stack;
    private FlowCanvas canvas;
    private Label paletteEntry;

    private static final NodeLook LOOK = new NodeLook() {
        @Override
        public String summary(Node node) {
            return "Says hello to " + node.id();
        }

        @Override
        public String icon(Node node) {
            return "M4 6H20V18H4Z M4 6L12 13L20 6";
        }

        @Override
        public boolean showsSummary() {
            return true;
        }
    };

    @BeforeAll
    static void needsADisplay() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("This test opens a real window: run the build under xvfb-run -a");
        }
    }

    @BeforeEach
    void open() throws Exception {
        graph = new Graph();
        graph.addNode(Fixtures.node("a", 40, 40));
        stack = new CommandStack(graph);
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            canvas = new FlowCanvas(stack, LOOK);
            canvas.setOnDrop((payload, at) -> stack.execute(new AddNode(
                    Fixtures.node(graph.freshId((String) payload), at.getX(), at.getY()))));
            paletteEntry = new Label("Step");
            paletteEntry.setMinSize(120, 40);
            FlowCanvas.dragSource(paletteEntry, () -> "step");
            HBox.setHgrow(canvas, Priority.ALWAYS);
            s.setScene(new Scene(new HBox(paletteEntry, canvas), 1000, 600));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.hideStage();
    }

    private static Point2D centre(javafx.scene.Node n) {
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    @Test
    void aPaletteEntryDroppedOnTheCanvasBecomesANodeWhereItWasDropped() {
        Bounds area = canvas.localToScreen(canvas.getBoundsInLocal());
        Point2D target = new Point2D(area.getMinX() + 500, area.getMinY() + 300);
        robot.drag(centre(paletteEntry), MouseButton.PRIMARY).moveBy(40, 0).moveTo(target).drop();

        assertThat(graph.nodes()).hasSize(2);
        Node added = graph.nodes().stream().filter(n -> !n.id().equals("a")).findFirst().orElseThrow();
        assertThat(added.x() % FlowCanvas.GRID).isZero();
        Bounds card = canvas.viewOf(added.id()).localToScreen(canvas.viewOf(added.id()).getBoundsInLocal());
        assertThat(card.contains(target)).as("the card lands under the pointer").isTrue();
        assertThat(stack.undoLabel()).isPresent();
    }

    @Test
    void cardsWithSummariesStillConnectAtTheirPorts() {
        robot.interact(() -> stack.execute(new AddNode(Fixtures.node("b", 400, 40))));
        Label summary = robot.lookup(".flow-node-summary").queryAll().stream().map(Label.class::cast)
                .filter(l -> l.getText().endsWith(" b")).findFirst().orElseThrow();
        assertThat(summary.isVisible()).isTrue();
        javafx.scene.Node out = robot.lookup("#out-a-default").query();
        javafx.scene.Node in = robot.lookup("#in-b-in").query();
        robot.drag(centre(out), MouseButton.PRIMARY).moveTo(centre(in)).drop();
        assertThat(graph.edges()).extracting(Edge::toNode).containsExactly("b");
    }

    @Test
    void marksFollowTheNodesTheyName() {
        robot.interact(() -> canvas.mark("problem", Set.of("a", "later")));
        assertThat(canvas.viewOf("a").getPseudoClassStates()).contains(PseudoClass.getPseudoClass("problem"));
        robot.interact(() -> stack.execute(new AddNode(Fixtures.node("later", 300, 300))));
        assertThat(canvas.viewOf("later").getPseudoClassStates()).contains(PseudoClass.getPseudoClass("problem"));
        robot.interact(() -> canvas.mark("problem", List.of()));
        assertThat(canvas.viewOf("a").getPseudoClassStates()).doesNotContain(PseudoClass.getPseudoClass("problem"));
    }
}
