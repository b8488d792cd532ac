package io.parley.server.chatflow.run;

import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.chatflow.node.NodeTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flow's edges by the handle they leave from. An edge without a {@code sourceHandle} whose
 * label names one of its node's handles ("True" on a condition) leaves from that handle, as in
 * the seed's documents; otherwise from the default handle.
 */
public final class Wiring {

    private final Map<String, FlowNode> nodes;
    private final FlowDocument flow;
    private final NodeTypes types;

    public Wiring(FlowDocument flow, NodeTypes types) {
        this.flow = flow;
        this.types = types;
        this.nodes = flow.nodesById();
    }

    public Optional<FlowNode> trigger() {
        return flow.nodes().stream().filter(n -> n.type().equals("trigger")).findFirst();
    }

    /** The handle {@code edge} leaves its node by. */
    public String handleOf(FlowEdge edge) {
        if (edge.sourceHandle() != null) {
            return edge.sourceHandle();
        }
        FlowNode source = nodes.get(edge.source());
        if (edge.label() != null && source != null) {
            String label = edge.label().strip().toLowerCase(Locale.ROOT);
            List<String> handles = types.find(source.type()).map(t -> t.handles(source)).orElse(List.of());
            for (String h : handles) {
                if (h.toLowerCase(Locale.ROOT).equals(label)) {
                    return h;
                }
            }
            if (label.equals(FlowEdge.ERROR)) {
                return FlowEdge.ERROR;
            }
        }
        return FlowEdge.DEFAULT;
    }

    /** The edges leaving {@code node} by {@code handle}, in document order. */
    public List<FlowEdge> edges(FlowNode node, String handle) {
        List<FlowEdge> out = new ArrayList<>();
        for (FlowEdge e : flow.edges()) {
            if (e.source().equals(node.id()) && handleOf(e).equals(handle == null ? FlowEdge.DEFAULT : handle)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The node the first edge from {@code handle} leads to. */
    public Optional<FlowNode> next(FlowNode node, String handle) {
        return edges(node, handle).stream().map(e -> nodes.get(e.target())).filter(n -> n != null).findFirst();
    }
}
