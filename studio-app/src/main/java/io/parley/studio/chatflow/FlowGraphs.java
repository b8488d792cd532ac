package io.parley.studio.chatflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import io.parley.canvas.model.Port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chatflow document's {@code nodes} and {@code edges} as a canvas graph and back. A node's
 * settings ({@code data}) travel as the canvas node's properties, untouched, so settings the
 * studio has no field for survive a round trip. An edge's exit is its {@code sourceHandle}, or
 * for the seed's documents the exit its label names ("True"), as the server reads it.
 */
public final class FlowGraphs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private FlowGraphs() {
    }

    /** A canvas node of {@code kind} at (x, y) with {@code data}. */
    public static Node node(String id, String type, double x, double y, Map<String, Object> settings) {
        // a setting written as null means "not set" to the server; the canvas keeps no nulls
        Map<String, Object> data = new LinkedHashMap<>(settings);
        data.values().removeIf(java.util.Objects::isNull);
        NodeKind kind = NodeKind.of(type).orElse(null);
        String label = Data.text(data, "label").orElse("");
        List<Port> inputs = kind == null ? List.of(NodeKind.IN) : kind.inputs();
        List<Port> outputs = kind == null ? List.of(Port.out("default", NodeKind.FLOW, ""),
                Port.out("error", NodeKind.FLOW, "If it fails")) : kind.outputs(data);
        return new Node(id, type, label, x, y, inputs, outputs, data);
    }

    /** The same node with new settings, its exits recomputed from them. */
    public static Node withData(Node node, Map<String, Object> data) {
        Node fresh = node(node.id(), node.kind(), node.x(), node.y(), data);
        // keep exits the document's edges used that the settings do not produce (an error exit)
        List<Port> outputs = new ArrayList<>(fresh.outputs());
        for (Port p : node.outputs()) {
            if (p.id().equals("error") && fresh.output("error").isEmpty()) {
                outputs.add(p);
            }
        }
        return new Node(fresh.id(), fresh.kind(), fresh.label(), fresh.x(), fresh.y(), fresh.inputs(), outputs,
                fresh.properties());
    }

    /** The graph of a flow document. */
    public static Graph read(JsonNode flow) {
        Graph graph = new Graph();
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (JsonNode n : flow.path("nodes")) {
            String id = n.path("id").asText("");
            if (id.isEmpty() || nodes.containsKey(id)) {
                continue;
            }
            Map<String, Object> data = n.path("data").isObject() ? JSON.convertValue(n.get("data"), MAP) : Map.of();
            nodes.put(id, node(id, n.path("type").asText("message"), n.path("position").path("x").asDouble(0),
                    n.path("position").path("y").asDouble(0), data));
        }
        List<Edge> edges = new ArrayList<>();
        int count = 0;
        for (JsonNode e : flow.path("edges")) {
            Node source = nodes.get(e.path("source").asText(""));
            Node target = nodes.get(e.path("target").asText(""));
            if (source == null || target == null || target.inputs().isEmpty()) {
                continue;
            }
            String exit = exitOf(source, e);
            if (source.output(exit).isEmpty()) { // an exit the studio would not draw: keep the connection visible
                List<Port> outputs = new ArrayList<>(source.outputs());
                outputs.add(Port.out(exit, NodeKind.FLOW, exit.equals("error") ? "If it fails" : exit));
                source = new Node(source.id(), source.kind(), source.label(), source.x(), source.y(), source.inputs(),
                        outputs, source.properties());
                nodes.put(source.id(), source);
            }
            String id = e.path("id").asText("");
            edges.add(new Edge(id.isEmpty() ? "e" + (++count) : id, source.id(), exit, target.id(),
                    target.inputs().get(0).id()));
        }
        nodes.values().forEach(graph::addNode);
        java.util.Set<String> ids = new java.util.HashSet<>(nodes.keySet());
        for (Edge edge : edges) {
            String id = ids.add(edge.id()) ? edge.id() : graph.freshId("e");
            ids.add(id);
            graph.addEdge(new Edge(id, edge.fromNode(), edge.fromPort(), edge.toNode(), edge.toPort()));
        }
        return graph;
    }

    private static String exitOf(Node source, JsonNode edge) {
        if (edge.path("sourceHandle").isTextual() && !edge.get("sourceHandle").asText().isEmpty()) {
            return edge.get("sourceHandle").asText();
        }
        if (edge.path("label").isTextual()) {
            String label = edge.get("label").asText().strip().toLowerCase(Locale.ROOT);
            for (Port p : source.outputs()) {
                if (p.id().toLowerCase(Locale.ROOT).equals(label)) {
                    return p.id();
                }
            }
            if (label.equals("error")) {
                return "error";
            }
        }
        return "default";
    }

    /** The document's {@code nodes}, as the server reads them. */
    public static List<Map<String, Object>> nodes(Graph graph) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", n.id());
            node.put("type", n.kind());
            node.put("position", Map.of("x", n.x(), "y", n.y()));
            node.put("data", n.properties());
            out.add(node);
        }
        return out;
    }

    /** The document's {@code edges}: the default exit is written as no handle. */
    public static List<Map<String, Object>> edges(Graph graph) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Edge e : graph.edges()) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("id", e.id());
            edge.put("source", e.fromNode());
            if (!e.fromPort().equals("default")) {
                edge.put("sourceHandle", e.fromPort());
            }
            edge.put("target", e.toNode());
            out.add(edge);
        }
        return out;
    }
}
