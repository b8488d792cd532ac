package io.parley.studio.chatflow;

import io.parley.canvas.model.Node;
import io.parley.canvas.view.NodeLook;

/** Cards as the builder reads them: the step's title, its kind and name, and what it is set to do. */
final class FlowNodeLook implements NodeLook {

    @Override
    public String title(Node node) {
        return node.label().isEmpty() ? NodeKind.of(node.kind()).map(NodeKind::title).orElse(node.kind()) : node.label();
    }

    @Override
    public String subtitle(Node node) {
        String kind = NodeKind.of(node.kind()).map(NodeKind::title).orElse("Unknown step");
        return node.label().isEmpty() ? node.id() : kind + " · " + node.id();
    }

    @Override
    public String summary(Node node) {
        return NodeKind.of(node.kind()).map(k -> k.summary(node.properties()))
                .orElse("The studio does not know “" + node.kind() + "” steps");
    }

    @Override
    public String icon(Node node) {
        return NodeKind.of(node.kind()).map(NodeKind::icon).orElse("M4 4H20V20H4Z");
    }

    @Override
    public boolean showsSummary() {
        return true;
    }
}
