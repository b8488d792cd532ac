package io.parley.canvas.view;

import io.parley.canvas.Fixtures;
import io.parley.canvas.command.CommandStack;
import io.parley.canvas.command.MoveNodes;
import io.parley.canvas.layout.LayeredLayout;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import io.parley.canvas.model.Port;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The canvas in a real window: drag, connect, refuse, delete, undo, pan, zoom. Screenshot in target/screenshots. */
class FlowCanvasWindowTest {

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private Graph graph;
    private CommandStack stack;
    private FlowCanvas canvas;

    @BeforeAll
    static void needsADisplay() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("This test opens a real window: run the build under xvfb-run -a");
        }
    }

    @BeforeEach
    void open() throws Exception {
        graph = Fixtures.triangle();
        graph.addNode(Fixtures.node("d", 420, 200));
        graph.addNode(new Node("text", "sink", "Text only", 420, 360, List.of(Port.in("in", "text")), List.of(), Map.of()));
        stack = new CommandStack(graph);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            canvas = new FlowCanvas(stack);
            s.setScene(new Scene(canvas, 1000, 640));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.hideStage();
    }

    private Point2D centreOf(String id) {
        javafx.scene.Node n = robot.lookup("#" + id).query();
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private Point2D titleOf(String nodeId) {
        javafx.scene.Node n = canvas.viewOf(nodeId);
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getMinX() + 60, b.getMinY() + 14);
    }

    @Test
    void draggingANodeMovesItOnTheGridAsOneUndoStep() {
        Node before = graph.node("b").orElseThrow();
        robot.drag(titleOf("b"), MouseButton.PRIMARY).moveBy(50, 30).moveBy(53, 31).drop();
        Node after = graph.node("b").orElseThrow();
        assertThat(after.x()).isNotEqualTo(before.x());
        assertThat(after.x() % FlowCanvas.GRID).isZero();
        assertThat(after.y() % FlowCanvas.GRID).isZero();
        assertThat(stack.undoLabel()).hasValue("Move node");
        robot.interact(stack::undo);
        assertThat(graph.node("b").orElseThrow()).isEqualTo(before);
        assertThat(stack.canUndo()).isFalse();
    }

    @Test
    void connectingPortsByDraggingChecksTheirTypes() throws Exception {
        robot.drag(centreOf("out-c-default"), MouseButton.PRIMARY).moveTo(centreOf("in-d-in")).drop();
        assertThat(graph.edges()).extracting(Edge::toNode).contains("d");
        int edges = graph.edges().size();
        robot.drag(centreOf("out-d-default"), MouseButton.PRIMARY).moveTo(centreOf("in-text-in")).drop();
        assertThat(graph.edges()).as("a flow output does not fit a text input").hasSize(edges);
        assertThat(canvas.getAccessibleHelp()).contains("does not fit");
        screenshot("canvas-connected");
    }

    @Test
    void deleteRemovesTheSelectionAndUndoBringsItBack() {
        robot.clickOn(titleOf("b"));
        assertThat(graph.selection()).containsExactly("b");
        robot.type(KeyCode.DELETE);
        assertThat(graph.node("b")).isEmpty();
        assertThat(graph.edges()).extracting(Edge::id).containsExactly("e3");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(graph.node("b")).isPresent();
        assertThat(graph.edges()).hasSize(3);
    }

    @Test
    void aRectangleSelectsAndTheSelectionCopiesPastesAndDuplicatesAsOneStepEach() {
        Point2D a = titleOf("a");
        Point2D c = titleOf("c");
        robot.press(KeyCode.SHIFT); // from empty space right of c, up and left over a, b and c
        robot.drag(new Point2D(c.getX() + 150, c.getY() + 90), MouseButton.PRIMARY).moveTo(new Point2D(a.getX() - 50,
                a.getY() - 8)).drop();
        robot.release(KeyCode.SHIFT);
        assertThat(graph.selection()).containsExactlyInAnyOrder("a", "b", "c");
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        assertThat(graph.nodes()).hasSize(8);
        assertThat(graph.edges()).as("the copies' edges between them come along").hasSize(6);
        assertThat(graph.selection()).hasSize(3).doesNotContain("a", "b", "c");
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        assertThat(graph.nodes()).hasSize(11);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(graph.nodes()).hasSize(5);
    }

    @Test
    void panAndZoomMoveTheViewNotTheGraph() {
        Point2D before = titleOf("a");
        Node model = graph.node("a").orElseThrow();
        robot.drag(new Point2D(stage.getX() + 900, stage.getY() + 600), MouseButton.PRIMARY).moveBy(-120, -80).drop();
        Point2D panned = titleOf("a");
        assertThat(panned.getX()).isLessThan(before.getX() - 50);
        assertThat(graph.node("a").orElseThrow()).isEqualTo(model);
        robot.type(KeyCode.EQUALS);
        assertThat(canvas.zoomLevel()).isGreaterThan(1.0);
        robot.type(KeyCode.MINUS).type(KeyCode.MINUS);
        assertThat(canvas.zoomLevel()).isLessThan(1.0);
        assertThat(graph.node("a").orElseThrow()).isEqualTo(model);
    }

    @Test
    void zoomedFarOutCardsLoseTheirWordsAndAMoveKeepsACardsParts() throws Exception {
        javafx.scene.Node title = canvas.viewOf("a").lookup(".flow-node-title");
        assertThat(title.isVisible()).isTrue();
        robot.interact(() -> canvas.zoomAt(0.3, 500, 320));
        assertThat(title.isVisible()).as("words a few pixels high are not drawn").isFalse();
        assertThat(canvas.viewOf("a").lookup(".flow-port").isVisible()).as("ports stay").isTrue();
        screenshot("canvas-far");
        robot.interact(() -> canvas.zoomAt(1, 500, 320));
        assertThat(title.isVisible()).isTrue();

        robot.interact(() -> stack.execute(MoveNodes.by(graph, List.of("a"), 40, 20)));
        assertThat(canvas.viewOf("a").lookup(".flow-node-title")).as("moving does not rebuild the card").isSameAs(title);
        robot.interact(() -> stack.execute(new io.parley.canvas.command.ChangeNode(graph.node("a").orElseThrow(),
                graph.node("a").orElseThrow().withLabel("Renamed"))));
        javafx.scene.Node renamed = canvas.viewOf("a").lookup(".flow-node-title");
        assertThat(((javafx.scene.control.Label) renamed).getText()).isEqualTo("Renamed");
    }

    @Test
    void aLaidOutFlowFitsTheView() throws Exception {
        Graph flow = io.parley.canvas.LayeredLayoutTest.random(14, 3);
        robot.interact(() -> {
            graph.nodes().stream().map(Node::id).toList().forEach(id -> {
                graph.edgesOf(id).forEach(e -> graph.removeEdge(e.id()));
                graph.removeNode(id);
            });
            flow.nodes().forEach(graph::addNode);
            flow.edges().forEach(graph::addEdge);
            stack.execute(MoveNodes.to(graph, "Arrange", new LayeredLayout(240, 90).positions(graph)));
            canvas.fitToView();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds window = canvas.localToScreen(canvas.getBoundsInLocal());
        for (Node n : graph.nodes()) {
            Bounds b = canvas.viewOf(n.id()).localToScreen(canvas.viewOf(n.id()).getBoundsInLocal());
            assertThat(window.contains(b)).as(n.id() + " is visible").isTrue();
        }
        screenshot("canvas-layout");
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Image image = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        PixelReader pixels = image.getPixelReader();
        BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        javax.imageio.ImageIO.write(out, "png", folder.resolve(name + ".png").toFile());
    }
}
