package io.parley.canvas;

import io.parley.canvas.command.AddNode;
import io.parley.canvas.command.Align;
import io.parley.canvas.command.ChangeNode;
import io.parley.canvas.command.Clipboard;
import io.parley.canvas.command.CommandStack;
import io.parley.canvas.command.Connect;
import io.parley.canvas.command.Disconnect;
import io.parley.canvas.command.MoveNodes;
import io.parley.canvas.command.Reconnect;
import io.parley.canvas.command.RemoveNodes;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.parley.canvas.Fixtures.edge;
import static io.parley.canvas.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandStackTest {

    /** The graph's nodes and edges as text, to compare states. */
    static String snapshot(Graph g) {
        return g.nodes().toString() + g.edges();
    }

    @Test
    void everyEditUndoesAndRedoesExactly() {
        Graph g = Fixtures.triangle();
        CommandStack stack = new CommandStack(g);
        String start = snapshot(g);
        stack.execute(new AddNode(node("d", 300, 0)));
        stack.execute(new Connect(edge("e4", "c", "d")));
        stack.execute(MoveNodes.by(g, List.of("a", "b"), 10, 20));
        stack.execute(new ChangeNode(g.node("d").orElseThrow(), g.node("d").orElseThrow().withLabel("Answer")));
        stack.execute(new Disconnect(g.edge("e3").orElseThrow()));
        stack.execute(new RemoveNodes(List.of("b")));
        String end = snapshot(g);
        assertThat(g.node("b")).isEmpty();
        assertThat(g.edges()).extracting(Edge::id).containsExactly("e4");

        while (stack.canUndo()) {
            stack.undo();
        }
        assertThat(snapshot(g)).isEqualTo(start);
        while (stack.canRedo()) {
            stack.redo();
        }
        assertThat(snapshot(g)).isEqualTo(end);
    }

    @Test
    void listenersHearOfEachChangeOnceTheStacksAreUpToDate() {
        Graph g = Fixtures.triangle();
        CommandStack stack = new CommandStack(g);
        List<String> heard = new java.util.ArrayList<>();
        stack.onChange(() -> heard.add(stack.canUndo() + "/" + stack.canRedo()));
        stack.execute(new Disconnect(g.edge("e3").orElseThrow()));
        stack.undo();
        stack.redo();
        stack.beginGroup("Move");
        stack.execute(MoveNodes.by(g, List.of("a"), 20, 0));
        stack.execute(MoveNodes.by(g, List.of("a"), 20, 0));
        stack.endGroup();
        assertThat(heard).containsExactly("true/false", "false/true", "true/false", "true/false");
    }

    @Test
    void deletingANodeTakesItsEdgesAndUndoBringsThemBack() {
        Graph g = Fixtures.triangle();
        CommandStack stack = new CommandStack(g);
        stack.execute(new RemoveNodes(List.of("a")));
        assertThat(g.edges()).extracting(Edge::id).containsExactly("e2");
        assertThat(stack.undoLabel()).hasValue("Delete node");
        stack.undo();
        assertThat(g.edges()).extracting(Edge::id).containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(g.selection()).containsExactly("a");
    }

    @Test
    void aDragIsOneStepAndNudgesMerge() {
        Graph g = Fixtures.triangle();
        CommandStack stack = new CommandStack(g);
        stack.beginGroup("Move");
        for (int i = 0; i < 10; i++) { // a drag previews many small moves
            stack.execute(MoveNodes.by(g, List.of("a"), 3, 1));
        }
        stack.endGroup();
        assertThat(g.node("a").orElseThrow().x()).isEqualTo(30);
        stack.undo();
        assertThat(g.node("a").orElseThrow().x()).isEqualTo(0);
        assertThat(stack.canUndo()).isFalse();

        stack.execute(MoveNodes.by(g, List.of("b", "c"), 1, 0));
        stack.execute(MoveNodes.by(g, List.of("b", "c"), 1, 0));
        stack.execute(MoveNodes.by(g, List.of("b", "c"), 1, 0));
        stack.undo();
        assertThat(g.node("b").orElseThrow().x()).as("three nudges undo at once").isEqualTo(100);
        stack.execute(MoveNodes.by(g, List.of("b"), 1, 0));
        assertThat(stack.canRedo()).as("a new edit forgets what was undone").isFalse();
    }

    @Test
    void theDirtyFlagFollowsSavesAndUndoesAcrossThem() {
        Graph g = Fixtures.triangle();
        CommandStack stack = new CommandStack(g);
        assertThat(stack.dirty()).isFalse();
        stack.execute(MoveNodes.by(g, List.of("a"), 5, 0));
        assertThat(stack.dirty()).isTrue();
        stack.markSaved();
        assertThat(stack.dirty()).isFalse();
        stack.execute(MoveNodes.by(g, List.of("a"), 5, 0));
        assertThat(stack.dirty()).isTrue();
        stack.undo();
        assertThat(stack.dirty()).as("back to what was saved").isFalse();
        assertThat(g.node("a").orElseThrow().x()).as("a move after a save does not merge into the saved one").isEqualTo(5);
        stack.undo();
        assertThat(stack.dirty()).isTrue();
        assertThat(g.node("a").orElseThrow().x()).isEqualTo(0);
    }

    @Test
    void pasteAddsFreshCopiesWithTheirInnerEdgesAsOneStep() {
        Graph g = Fixtures.triangle();
        CommandStack stack = new CommandStack(g);
        Clipboard.Fragment copied = Clipboard.copy(g, Set.of("a", "b"));
        assertThat(copied.edges()).extracting(Edge::id).containsExactly("e1");
        stack.execute(Clipboard.paste(g, copied, 40, 40));
        assertThat(g.nodes()).hasSize(5);
        assertThat(g.edges()).hasSize(4);
        assertThat(g.selection()).hasSize(2).doesNotContain("a", "b");
        Node copy = g.node(g.selection().iterator().next()).orElseThrow();
        assertThat(copy.y()).isEqualTo(40);
        stack.execute(Clipboard.paste(g, copied, 80, 80)); // pasting twice never reuses an id
        assertThat(g.nodes()).hasSize(7);
        stack.undo();
        stack.undo();
        assertThat(snapshot(g)).isEqualTo(snapshot(Fixtures.triangle()));
    }

    @Test
    void reconnectingToAPortThatDoesNotFitChangesNothing() {
        Graph g = Fixtures.triangle();
        g.addNode(node("d", 300, 0));
        CommandStack stack = new CommandStack(g);
        Edge e1 = g.edge("e1").orElseThrow();
        stack.execute(new Reconnect(e1, new Edge("e1", "a", "default", "d", "in")));
        assertThat(g.edge("e1").orElseThrow().toNode()).isEqualTo("d");
        stack.undo();
        assertThat(g.edge("e1").orElseThrow().toNode()).isEqualTo("b");
        assertThatThrownBy(() -> stack.execute(new Reconnect(g.edge("e1").orElseThrow(),
                new Edge("e1", "a", "default", "d", "nope")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(g.edges()).extracting(Edge::id).as("the edge kept its place").containsExactly("e1", "e2", "e3");
        assertThat(g.edge("e1").orElseThrow().toNode()).isEqualTo("b");
    }

    @Test
    void alignLinesUpAndDistributes() {
        Graph g = new Graph();
        g.addNode(node("a", 0, 30));
        g.addNode(node("b", 50, 10));
        g.addNode(node("c", 300, 20));
        CommandStack stack = new CommandStack(g);
        stack.execute(Align.of(g, Set.of("a", "b", "c"), Align.How.TOP));
        assertThat(g.nodes()).extracting(Node::y).containsOnly(10.0);
        stack.execute(Align.of(g, Set.of("a", "b", "c"), Align.How.DISTRIBUTE_HORIZONTALLY));
        assertThat(g.nodes()).extracting(Node::x).containsExactly(0.0, 150.0, 300.0);
        assertThat(Align.of(g, Set.of("a"), Align.How.LEFT)).isNull();
        assertThat(Map.of("labels", stack.undoLabel().orElseThrow())).containsValue("Align 3 nodes");
    }
}
