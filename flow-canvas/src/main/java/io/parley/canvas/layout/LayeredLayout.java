package io.parley.canvas.layout;

import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Left-to-right layered layout for imported or generated flows, after Sugiyama: edges that close
 * a cycle are set aside (found by depth-first search from the sources), every node goes one layer
 * right of its furthest predecessor, nodes within a layer are ordered by the average position of
 * their neighbours (sweeping right then left a few times, to untangle crossings), then placed on
 * a grid. Deterministic: the same graph always lays out the same way.
 *
 * <pre>{@code
 * Map<String, double[]> positions = new LayeredLayout(260, 120).positions(graph);
 * stack.execute(MoveNodes.to(graph, "Arrange", positions));
 * }</pre>
 */
public final class LayeredLayout {

    private static final int SWEEPS = 4;

    private final double columnWidth;
    private final double rowHeight;

    /** @param columnWidth distance between layers; @param rowHeight distance between nodes of a layer */
    public LayeredLayout(double columnWidth, double rowHeight) {
        this.columnWidth = columnWidth;
        this.rowHeight = rowHeight;
    }

    /** Each node's new top-left corner, by id. */
    public Map<String, double[]> positions(Graph graph) {
        List<String> ids = graph.nodes().stream().map(Node::id).toList();
        Map<String, List<String>> next = new HashMap<>();
        Map<String, List<String>> prev = new HashMap<>();
        ids.forEach(id -> {
            next.put(id, new ArrayList<>());
            prev.put(id, new ArrayList<>());
        });
        Set<Edge> back = backEdges(graph, ids);
        for (Edge e : graph.edges()) {
            if (!back.contains(e) && !e.fromNode().equals(e.toNode())) {
                next.get(e.fromNode()).add(e.toNode());
                prev.get(e.toNode()).add(e.fromNode());
            }
        }
        Map<String, Integer> layer = layers(ids, next, prev);
        List<List<String>> columns = new ArrayList<>();
        for (String id : ids) {
            int l = layer.get(id);
            while (columns.size() <= l) {
                columns.add(new ArrayList<>());
            }
            columns.get(l).add(id);
        }
        order(columns, next, prev);
        Map<String, double[]> out = new LinkedHashMap<>();
        int tallest = columns.stream().mapToInt(List::size).max().orElse(0);
        for (int c = 0; c < columns.size(); c++) {
            List<String> column = columns.get(c);
            double offset = (tallest - column.size()) * rowHeight / 2; // centre short columns
            for (int r = 0; r < column.size(); r++) {
                out.put(column.get(r), new double[] {c * columnWidth, offset + r * rowHeight});
            }
        }
        return out;
    }

    /** Edges that point back along a depth-first path: set aside so the rest has no cycle. */
    private static Set<Edge> backEdges(Graph graph, List<String> ids) {
        Map<String, List<Edge>> out = new HashMap<>();
        Set<String> hasIncoming = new HashSet<>();
        for (Edge e : graph.edges()) {
            out.computeIfAbsent(e.fromNode(), k -> new ArrayList<>()).add(e);
            hasIncoming.add(e.toNode());
        }
        List<String> roots = new ArrayList<>(ids.stream().filter(id -> !hasIncoming.contains(id)).toList());
        roots.addAll(ids); // nodes only on cycles are reached last
        Set<Edge> back = new HashSet<>();
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String root : roots) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<Object[]> stack = new ArrayDeque<>();
            stack.push(new Object[] {root, 0});
            state.put(root, 1);
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                String v = (String) frame[0];
                List<Edge> edges = out.getOrDefault(v, List.of());
                int i = (int) frame[1];
                if (i < edges.size()) {
                    frame[1] = i + 1;
                    Edge e = edges.get(i);
                    Integer s = state.get(e.toNode());
                    if (s == null) {
                        state.put(e.toNode(), 1);
                        stack.push(new Object[] {e.toNode(), 0});
                    } else if (s == 1) {
                        back.add(e);
                    }
                } else {
                    state.put(v, 2);
                    stack.pop();
                }
            }
        }
        return back;
    }

    /** Longest path from the sources (Kahn's order over the acyclic rest). */
    private static Map<String, Integer> layers(List<String> ids, Map<String, List<String>> next,
                                               Map<String, List<String>> prev) {
        Map<String, Integer> indegree = new HashMap<>();
        ids.forEach(id -> indegree.put(id, prev.get(id).size()));
        Deque<String> ready = new ArrayDeque<>(ids.stream().filter(id -> indegree.get(id) == 0).toList());
        Map<String, Integer> layer = new HashMap<>();
        ids.forEach(id -> layer.put(id, 0));
        while (!ready.isEmpty()) {
            String v = ready.poll();
            for (String w : next.get(v)) {
                layer.put(w, Math.max(layer.get(w), layer.get(v) + 1));
                if (indegree.merge(w, -1, Integer::sum) == 0) {
                    ready.add(w);
                }
            }
        }
        return layer;
    }

    /** Barycentre ordering: sweeps right using predecessors, left using successors. */
    private static void order(List<List<String>> columns, Map<String, List<String>> next,
                              Map<String, List<String>> prev) {
        Map<String, Integer> position = new HashMap<>();
        columns.forEach(c -> {
            for (int i = 0; i < c.size(); i++) {
                position.put(c.get(i), i);
            }
        });
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean right = sweep % 2 == 0;
            for (int k = 1; k < columns.size(); k++) {
                int c = right ? k : columns.size() - 1 - k;
                List<String> column = columns.get(c);
                Map<String, List<String>> neighbours = right ? prev : next;
                Map<String, Double> weight = new HashMap<>();
                for (String v : column) {
                    List<String> ns = neighbours.get(v);
                    weight.put(v, ns.isEmpty() ? position.get(v) : ns.stream().mapToInt(position::get).average().orElse(0));
                }
                column.sort(Comparator.comparingDouble((String v) -> weight.get(v)).thenComparing(position::get));
                for (int i = 0; i < column.size(); i++) {
                    position.put(column.get(i), i);
                }
            }
        }
    }
}
