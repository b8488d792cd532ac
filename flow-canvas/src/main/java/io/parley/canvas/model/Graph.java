package io.parley.canvas.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The graph a canvas edits: nodes in insertion order, edges, and the selection. Every change goes
 * through the methods here, which check it and tell listeners; undoable edits are
 * {@link io.parley.canvas.command.Command}s that call them. Not thread-safe: one UI thread owns it.
 */
public final class Graph {

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final Set<String> selected = new LinkedHashSet<>();
    private final List<Consumer<GraphEvent>> listeners = new CopyOnWriteArrayList<>();

    public void listen(Consumer<GraphEvent> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<GraphEvent> listener) {
        listeners.remove(listener);
    }

    // --- reading ---------------------------------------------------------------------------

    public Collection<Node> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    public Collection<Edge> edges() {
        return Collections.unmodifiableCollection(edges.values());
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Optional<Edge> edge(String id) {
        return Optional.ofNullable(edges.get(id));
    }

    public List<Edge> edgesOf(String nodeId) {
        return edges.values().stream().filter(e -> e.touches(nodeId)).toList();
    }

    public List<Edge> outgoing(String nodeId) {
        return edges.values().stream().filter(e -> e.fromNode().equals(nodeId)).toList();
    }

    public Set<String> selection() {
        return Collections.unmodifiableSet(selected);
    }

    /**
     * Why an edge from {@code fromNode.fromPort} to {@code toNode.toPort} may not be made, or
     * empty when it may: both ports exist, the types fit, and the same connection is not there yet.
     */
    public Optional<String> connectionProblem(String fromNode, String fromPort, String toNode, String toPort) {
        Node from = nodes.get(fromNode);
        Node to = nodes.get(toNode);
        if (from == null || to == null) {
            return Optional.of("both nodes must exist");
        }
        Optional<Port> out = from.output(fromPort);
        Optional<Port> in = to.input(toPort);
        if (out.isEmpty()) {
            return Optional.of(from.label() + " has no output '" + fromPort + "'");
        }
        if (in.isEmpty()) {
            return Optional.of(to.label() + " has no input '" + toPort + "'");
        }
        if (!out.get().accepts(in.get())) {
            return Optional.of("'" + out.get().type() + "' does not fit an input of type '" + in.get().type() + "'");
        }
        boolean exists = edges.values().stream().anyMatch(e -> e.fromNode().equals(fromNode)
                && e.fromPort().equals(fromPort) && e.toNode().equals(toNode) && e.toPort().equals(toPort));
        return exists ? Optional.of("these ports are already connected") : Optional.empty();
    }

    // --- changing --------------------------------------------------------------------------

    public void addNode(Node node) {
        addNode(node, nodes.size());
    }

    /** Adds the node at {@code index} in drawing order (undo puts a deleted node back where it was). */
    public void addNode(Node node, int index) {
        if (nodes.containsKey(node.id())) {
            throw new IllegalArgumentException("a node '" + node.id() + "' already exists");
        }
        insert(nodes, node.id(), node, index);
        fire(new GraphEvent.NodeAdded(node));
    }

    /** The node's place in drawing order, or -1. */
    public int indexOfNode(String id) {
        return new ArrayList<>(nodes.keySet()).indexOf(id);
    }

    /** The edge's place in order, or -1. */
    public int indexOfEdge(String id) {
        return new ArrayList<>(edges.keySet()).indexOf(id);
    }

    /** Removes the node; its edges must be gone first (see {@code RemoveNodes}, which does both). */
    public Node removeNode(String id) {
        if (!edgesOf(id).isEmpty()) {
            throw new IllegalStateException("node '" + id + "' still has edges");
        }
        Node removed = require(id);
        nodes.remove(id);
        if (selected.remove(id)) {
            fire(new GraphEvent.SelectionChanged(selection()));
        }
        fire(new GraphEvent.NodeRemoved(removed));
        return removed;
    }

    /** Replaces a node by a changed copy with the same id. */
    public void replaceNode(Node after) {
        Node before = require(after.id());
        if (!before.equals(after)) {
            nodes.put(after.id(), after);
            fire(new GraphEvent.NodeChanged(before, after));
        }
    }

    public void addEdge(Edge edge) {
        addEdge(edge, edges.size());
    }

    public void addEdge(Edge edge, int index) {
        if (edges.containsKey(edge.id())) {
            throw new IllegalArgumentException("an edge '" + edge.id() + "' already exists");
        }
        connectionProblem(edge.fromNode(), edge.fromPort(), edge.toNode(), edge.toPort()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        insert(edges, edge.id(), edge, index);
        fire(new GraphEvent.EdgeAdded(edge));
    }

    public Edge removeEdge(String id) {
        Edge removed = edges.remove(id);
        if (removed == null) {
            throw new IllegalArgumentException("no edge '" + id + "'");
        }
        fire(new GraphEvent.EdgeRemoved(removed));
        return removed;
    }

    public void select(Collection<String> ids) {
        Set<String> next = new LinkedHashSet<>();
        for (String id : ids) {
            if (nodes.containsKey(id)) {
                next.add(id);
            }
        }
        if (!next.equals(selected)) {
            selected.clear();
            selected.addAll(next);
            fire(new GraphEvent.SelectionChanged(selection()));
        }
    }

    /** Shift-click: adds the node to the selection, or takes it out. */
    public void toggleSelected(String id) {
        List<String> next = new ArrayList<>(selected);
        if (!next.remove(id)) {
            next.add(id);
        }
        select(next);
    }

    /** An id not used by any node or edge yet, starting with {@code prefix}. */
    public String freshId(String prefix) {
        for (int i = 1; ; i++) {
            String id = prefix + i;
            if (!nodes.containsKey(id) && !edges.containsKey(id)) {
                return id;
            }
        }
    }

    private static <V> void insert(Map<String, V> map, String key, V value, int index) {
        if (index >= map.size()) {
            map.put(key, value);
            return;
        }
        List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
        entries.add(Math.max(0, index), Map.entry(key, value));
        map.clear();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
    }

    private Node require(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node '" + id + "'");
        }
        return node;
    }

    private void fire(GraphEvent event) {
        for (Consumer<GraphEvent> l : listeners) {
            l.accept(event);
        }
    }
}
