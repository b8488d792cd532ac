package io.parley.canvas.view;

import io.parley.canvas.model.Node;
import io.parley.canvas.model.Port;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;

import java.util.List;

/**
 * A node drawn on the canvas: a card with its glyph, title and kind (and a summary when the
 * {@link NodeLook} gives them), input ports on the left edge and output ports (with their labels)
 * on the right. Its size follows its port count, so port positions are computed, not measured:
 * {@link #portCentre} works before layout.
 */
final class NodeView extends Pane {

    static final double WIDTH = 190;
    static final double HEADER = 38;
    static final double ROW = 22;
    static final double SUMMARY = 34;
    static final double PORT_RADIUS = 6;

    private final NodeLook look;
    private final double top;
    private final List<javafx.scene.Node> details = new java.util.ArrayList<>();
    private boolean detailed = true;
    private Node node;

    NodeView(Node node, NodeLook look) {
        this.look = look;
        this.top = top(look);
        getStyleClass().add("flow-node");
        setPrefWidth(WIDTH);
        setCache(true); // a pan or a drag then copies the card's bitmap instead of laying out its words again
        show(node);
    }

    /** Where the port rows start on every card drawn with {@code look}. */
    static double top(NodeLook look) {
        return HEADER + (look.showsSummary() ? SUMMARY : 0);
    }

    Node node() {
        return node;
    }

    void show(Node changed) {
        if (node != null && changed.equals(node.at(changed.x(), changed.y()))) {
            this.node = changed; // only moved: a drag does this every frame, so keep the children
            relocate(changed.x(), changed.y());
            return;
        }
        this.node = changed;
        details.clear();
        setId("node-" + changed.id());
        getStyleClass().removeIf(c -> c.startsWith("kind-"));
        getStyleClass().add("kind-" + changed.kind());
        getChildren().clear();
        String icon = look.icon(changed);
        double left = 12;
        if (!icon.isEmpty()) {
            javafx.scene.shape.SVGPath path = new javafx.scene.shape.SVGPath();
            path.setContent(icon);
            path.getStyleClass().add("flow-node-icon");
            path.setScaleX(16.0 / 24);
            path.setScaleY(16.0 / 24);
            javafx.scene.layout.StackPane badge = new javafx.scene.layout.StackPane(new javafx.scene.Group(path));
            badge.getStyleClass().add("flow-node-badge");
            badge.setMinSize(26, 26);
            badge.setMaxSize(26, 26);
            badge.relocate(9, 6);
            getChildren().add(badge);
            details.add(path);
            left = 42;
        }
        Label title = new Label(look.title(changed));
        title.getStyleClass().add("flow-node-title");
        title.relocate(left, 4);
        title.setMaxWidth(WIDTH - left - 12);
        Label kind = new Label(look.subtitle(changed));
        kind.getStyleClass().add("flow-node-kind");
        kind.relocate(left, 20);
        kind.setMaxWidth(WIDTH - left - 12);
        getChildren().addAll(title, kind);
        details.add(title);
        details.add(kind);
        if (look.showsSummary()) {
            Label summary = new Label(look.summary(changed));
            summary.getStyleClass().add("flow-node-summary");
            summary.setWrapText(true);
            summary.relocate(12, HEADER - 2);
            summary.setPrefWidth(WIDTH - 24);
            summary.setMaxHeight(SUMMARY - 2);
            summary.setMinHeight(0);
            getChildren().add(summary);
            details.add(summary);
        }
        addPorts(changed.inputs(), true);
        addPorts(changed.outputs(), false);
        double height = height(changed, top);
        setPrefHeight(height);
        setMinSize(WIDTH, height);
        setMaxSize(WIDTH, height);
        relocate(changed.x(), changed.y());
        details.forEach(d -> d.setVisible(detailed));
    }

    /**
     * Shows or hides the card's words and glyph. Zoomed far out they are too small to read and
     * most of the time of a frame goes into drawing them; the coloured card and its ports stay.
     */
    void showDetail(boolean show) {
        if (show != detailed) {
            detailed = show;
            details.forEach(d -> d.setVisible(show));
            // without words a card's bitmap may simply be scaled while zooming; with them it is redrawn crisp
            setCacheHint(show ? javafx.scene.CacheHint.DEFAULT : javafx.scene.CacheHint.SCALE);
        }
    }

    private void addPorts(List<Port> ports, boolean input) {
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            Circle dot = new Circle(PORT_RADIUS);
            dot.getStyleClass().addAll("flow-port", input ? "flow-port-in" : "flow-port-out");
            dot.setId((input ? "in-" : "out-") + node.id() + "-" + p.id());
            dot.getProperties().put(Port.class, p);
            dot.setCenterX(input ? 0 : WIDTH);
            dot.setCenterY(top + i * ROW + ROW / 2);
            getChildren().add(dot);
            if (!input && !p.label().isEmpty()) {
                Label label = new Label(p.label());
                label.getStyleClass().add("flow-port-label");
                label.setMinWidth(WIDTH / 2);
                label.relocate(WIDTH / 2 - 14, top + i * ROW + 2);
                label.setStyle("-fx-alignment: center-right;");
                getChildren().add(label);
                details.add(label);
            }
        }
    }

    static double height(Node node, double top) {
        return top + Math.max(1, Math.max(node.inputs().size(), node.outputs().size())) * ROW + 8;
    }

    /** Where a port's dot is, in canvas content coordinates. */
    static Point2D portCentre(Node node, String portId, boolean input, double top) {
        List<Port> ports = input ? node.inputs() : node.outputs();
        int i = 0;
        for (; i < ports.size(); i++) {
            if (ports.get(i).id().equals(portId)) {
                break;
            }
        }
        return new Point2D(node.x() + (input ? 0 : WIDTH), node.y() + top + i * ROW + ROW / 2);
    }
}
