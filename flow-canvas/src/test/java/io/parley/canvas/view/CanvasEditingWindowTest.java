package io.parley.canvas.view;

import io.parley.canvas.Fixtures;
import io.parley.canvas.command.CommandStack;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.geometry.Pos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Connections selected, deleted and moved by their end; space-drag panning; aligning; the minimap. */
class CanvasEditingWindowTest {

    private final FxRobot robot = new FxRobot();
    private Graph graph;
    private CommandStack stack;
    private FlowCanvas canvas;
    private Minimap minimap;

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
        graph.addNode(Fixtures.node("b", 400, 40));
        graph.addNode(Fixtures.node("c", 400, 300));
        graph.addEdge(Fixtures.edge("e1", "a", "b"));
        stack = new CommandStack(graph);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            canvas = new FlowCanvas(stack);
            minimap = new Minimap(canvas);
            StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
            StackPane root = new StackPane(canvas, minimap);
            s.setScene(new Scene(root, 1000, 640));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.hideStage();
    }

    private Point2D screen(double contentX, double contentY) {
        Point2D local = new Point2D(contentX * canvas.zoomLevel() + (canvas.toContent(0, 0).getX() * -canvas.zoomLevel()),
                contentY * canvas.zoomLevel() + (canvas.toContent(0, 0).getY() * -canvas.zoomLevel()));
        return canvas.localToScreen(local);
    }

    private Point2D centreOf(String id) {
        javafx.scene.Node n = robot.lookup("#" + id).query();
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    @Test
    void aClickedConnectionIsSelectedAndDeleteRemovesItUndoably() {
        Point2D middle = screen(320, 40 + NodeView.HEADER + NodeView.ROW / 2);
        robot.clickOn(middle);
        assertThat(canvas.selectedEdge()).hasValue("e1");
        robot.type(KeyCode.DELETE);
        assertThat(graph.edges()).isEmpty();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(graph.edges()).extracting(Edge::id).containsExactly("e1");
    }

    @Test
    void arrowKeysNudgeTheSelectionOnTheGridAsOneStepAndEscapeClearsIt() {
        Node before = graph.node("c").orElseThrow();
        robot.interact(() -> graph.select(List.of("c")));
        robot.clickOn(screen(700, 500)); // keyboard to the canvas; a click on empty space clears the selection
        robot.interact(() -> graph.select(List.of("c")));
        robot.type(KeyCode.RIGHT, 2);
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        Node after = graph.node("c").orElseThrow();
        assertThat(after.x() - before.x()).isEqualTo(2 * FlowCanvas.GRID);
        assertThat(after.y() - before.y()).isEqualTo(5 * FlowCanvas.GRID);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(graph.node("c").orElseThrow()).extracting(Node::x, Node::y).containsExactly(before.x(), before.y());
        robot.type(KeyCode.ESCAPE);
        assertThat(graph.selection()).isEmpty();
        robot.type(KeyCode.LEFT);
        assertThat(graph.node("c").orElseThrow().x()).as("nothing selected, nothing moves").isEqualTo(before.x());
    }

    @Test
    void aConnectionsEndDraggedToAnotherInputMovesThereAndToNowhereGoes() {
        robot.drag(centreOf("in-b-in"), MouseButton.PRIMARY).moveBy(-30, 40).moveTo(centreOf("in-c-in")).drop();
        assertThat(graph.edges()).extracting(Edge::toNode).containsExactly("c");
        assertThat(stack.undoLabel()).hasValue("Reconnect");
        robot.drag(centreOf("in-c-in"), MouseButton.PRIMARY).moveBy(-60, 120).drop();
        assertThat(graph.edges()).isEmpty();
        robot.interact(stack::undo);
        robot.interact(stack::undo);
        assertThat(graph.edges()).extracting(Edge::toNode).containsExactly("b");
    }

    @Test
    void holdingSpaceDragsTheViewEvenOverANode() {
        Node before = graph.node("c").orElseThrow();
        Point2D origin = canvas.toContent(0, 0);
        robot.clickOn(screen(700, 500));
        robot.press(KeyCode.SPACE);
        robot.drag(screen(450, 320), MouseButton.PRIMARY).moveBy(-80, -60).drop();
        robot.release(KeyCode.SPACE);
        assertThat(graph.node("c").orElseThrow()).isEqualTo(before);
        assertThat(canvas.toContent(0, 0)).isNotEqualTo(origin);
    }

    @Test
    void altShiftLLinesTheSelectionUpOnTheLeft() {
        robot.interact(() -> graph.select(List.of("a", "c")));
        robot.interact(canvas::requestFocus);
        robot.press(KeyCode.ALT, KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT, KeyCode.ALT);
        assertThat(graph.node("c").orElseThrow().x()).isEqualTo(40);
        assertThat(stack.undoLabel()).hasValueSatisfying(l -> assertThat(l).startsWith("Align"));
    }

    @Test
    void clickingTheMinimapMovesTheViewThere() {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds map = minimap.localToScreen(minimap.getBoundsInLocal());
        Point2D target = minimap.contentAt(map.getWidth() - 20, map.getHeight() - 20);
        robot.clickOn(new Point2D(map.getMaxX() - 20, map.getMaxY() - 20));
        javafx.geometry.Rectangle2D view = canvas.visibleArea();
        assertThat(view.getMinX() + view.getWidth() / 2).isCloseTo(target.getX(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(view.getMinY() + view.getHeight() / 2).isCloseTo(target.getY(), org.assertj.core.data.Offset.offset(2.0));
    }
}
