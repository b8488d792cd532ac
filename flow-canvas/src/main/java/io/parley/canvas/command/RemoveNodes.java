package io.parley.canvas.command;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Deletes nodes with every edge touching them; undo puts all of it back, in the same order. */
public final class RemoveNodes implements Command {

    private final List<String> ids;
    private final List<Node> removed = new ArrayList<>();
    private final List<Edge> removedEdges = new ArrayList<>();
    private final List<Integer> nodeIndexes = new ArrayList<>();
    private final List<Integer> edgeIndexes = new ArrayList<>();

    public RemoveNodes(List<String> ids) {
        this.ids = List.copyOf(new LinkedHashSet<>(ids));
    }

    @Override
    public String label() {
        return ids.size() == 1 ? "Delete node" : "Delete " + ids.size() + " nodes";
    }

    @Override
    public void apply(Graph graph) {
        removed.clear();
        removedEdges.clear();
        nodeIndexes.clear();
        edgeIndexes.clear();
        Set<String> edgeIds = new LinkedHashSet<>();
        for (String id : ids) {
            graph.edgesOf(id).forEach(e -> edgeIds.add(e.id()));
        }
        for (String edgeId : edgeIds) {
            edgeIndexes.add(graph.indexOfEdge(edgeId));
            removedEdges.add(graph.removeEdge(edgeId));
        }
        for (String id : ids) {
            nodeIndexes.add(graph.indexOfNode(id));
            removed.add(graph.removeNode(id));
        }
    }

    @Override
    public void undo(Graph graph) {
        for (int i = removed.size() - 1; i >= 0; i--) { // reverse: each index was taken after the earlier removals
            graph.addNode(removed.get(i), nodeIndexes.get(i));
        }
        for (int i = removedEdges.size() - 1; i >= 0; i--) {
            graph.addEdge(removedEdges.get(i), edgeIndexes.get(i));
        }
        graph.select(ids);
    }
}
