package io.parley.canvas.view;

import io.parley.canvas.command.Disconnect;
import io.parley.canvas.command.Reconnect;
import io.parley.canvas.model.Edge;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.CubicCurve;

/**
 * Dragging a connection by its arriving end moves that end: dropped on another input it
 * reconnects there (one undo step), dropped on empty space it removes the connection.
 */
final class ReconnectGesture {

    /** How close to its end a press must be to pick the end up rather than select the line. */
    static final double GRAB = 18;

    private final CubicCurve line = new CubicCurve();
    private Edge edge;
    private Point2D from;

    ReconnectGesture(FlowCanvas canvas) {
        line.getStyleClass().add("flow-edge-draft");
        line.setFill(null);
        line.setMouseTransparent(true);
        canvas.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            Edge picked = picked(canvas, e);
            if (picked == null) {
                return;
            }
            Point2D end = canvas.portCentre(canvas.graph().node(picked.toNode()).orElseThrow(), picked.toPort(), true);
            String edgeId = picked.id();
            edge = picked;
            from = canvas.portCentre(canvas.graph().node(picked.fromNode()).orElseThrow(), picked.fromPort(), false);
            FlowCanvas.shape(line, from, end);
            canvas.content().getChildren().add(line);
            canvas.edgeView(edgeId).setOpacity(0.25);
            e.consume();
        });
        canvas.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (edge == null) {
                return;
            }
            FlowCanvas.shape(line, from, canvas.toContent(e.getX(), e.getY()));
            ConnectGesture.Target t = ConnectGesture.target(canvas, e);
            line.getStyleClass().removeAll("fits", "refused");
            if (t != null) {
                line.getStyleClass().add(fits(canvas, edge, t) ? "fits" : "refused");
            }
            e.consume();
        });
        canvas.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (edge == null) {
                return;
            }
            Edge before = edge;
            edge = null;
            canvas.content().getChildren().remove(line);
            CubicCurve shown = canvas.edgeView(before.id());
            if (shown != null) {
                shown.setOpacity(1);
            }
            ConnectGesture.Target t = ConnectGesture.target(canvas, e);
            if (t == null) {
                canvas.stack().execute(new Disconnect(before));
            } else if (!(t.node().equals(before.toNode()) && t.port().equals(before.toPort()))) {
                if (fits(canvas, before, t)) {
                    canvas.stack().execute(new Reconnect(before,
                            new Edge(before.id(), before.fromNode(), before.fromPort(), t.node(), t.port())));
                } else {
                    canvas.setAccessibleHelp("Not moved: " + canvas.graph().connectionProblem(before.fromNode(),
                            before.fromPort(), t.node(), t.port()).orElse(""));
                }
            }
            e.consume();
        });
    }

    /** The connection whose arriving end is under the press: on its input dot, or on the line near it. */
    private static Edge picked(FlowCanvas canvas, MouseEvent e) {
        if (e.getTarget() instanceof javafx.scene.shape.Circle dot && dot.getStyleClass().contains("flow-port-in")
                && dot.getParent() instanceof NodeView view
                && dot.getProperties().get(io.parley.canvas.model.Port.class) instanceof io.parley.canvas.model.Port port) {
            java.util.List<Edge> arriving = canvas.graph().edgesOf(view.node().id()).stream()
                    .filter(x -> x.toNode().equals(view.node().id()) && x.toPort().equals(port.id())).toList();
            return arriving.isEmpty() ? null : arriving.get(arriving.size() - 1);
        }
        if (e.getTarget() instanceof CubicCurve hit && hit.getProperties().get(Edge.class) instanceof String id) {
            Edge edge = canvas.graph().edge(id).orElse(null);
            if (edge != null) {
                Point2D end = canvas.portCentre(canvas.graph().node(edge.toNode()).orElseThrow(), edge.toPort(), true);
                return end.distance(canvas.toContent(e.getX(), e.getY())) <= GRAB ? edge : null; // else: selects it
            }
        }
        return null;
    }

    private static boolean fits(FlowCanvas canvas, Edge moving, ConnectGesture.Target t) {
        return canvas.graph().connectionProblem(moving.fromNode(), moving.fromPort(), t.node(), t.port()).isEmpty();
    }
}
