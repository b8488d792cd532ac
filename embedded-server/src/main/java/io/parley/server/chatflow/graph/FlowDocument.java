package io.parley.server.chatflow.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A chatflow as its draft or deployed document holds it: the graph, the flow's variables with
 * their starting values, and its settings. Read by {@link FlowReader}; the same shape is
 * described for other tools by {@code docs/schema/chatflow.schema.json}.
 */
public record FlowDocument(String name, String description, List<FlowNode> nodes, List<FlowEdge> edges,
                           ObjectNode variables, FlowSettings settings) {

    public FlowDocument {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Map<String, FlowNode> nodesById() {
        return nodes.stream().collect(Collectors.toMap(FlowNode::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    public Optional<FlowNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<FlowEdge> outgoing(String nodeId) {
        return edges.stream().filter(e -> e.source().equals(nodeId)).toList();
    }
}
