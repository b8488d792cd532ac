package io.parley.canvas.view;

import io.parley.canvas.model.Port;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;

/**
 * Dragging from an output port draws a line that follows the pointer; over an input port it is
 * green when the ports fit and red (with the reason as the canvas's accessible help) when they
 * do not; releasing over a fitting port connects them.
 */
final class ConnectGesture {

    private final CubicCurve line = new CubicCurve();
    private String fromNode;
    private String fromPort;
    private Point2D from;

    ConnectGesture(FlowCanvas canvas) {
        line.getStyleClass().add("flow-edge-draft");
        line.setFill(null);
        line.setMouseTransparent(true);
        canvas.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() instanceof Circle dot && dot.getStyleClass().contains("flow-port-out")
                    && dot.getParent() instanceof NodeView view) {
                Port port = (Port) dot.getProperties().get(Port.class);
                fromNode = view.node().id();
                fromPort = port.id();
                from = canvas.portCentre(view.node(), port.id(), false);
                FlowCanvas.shape(line, from, from);
                canvas.content().getChildren().add(line);
                e.consume();
            }
        });
        canvas.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (fromNode == null) {
                return;
            }
            Point2D to = canvas.toContent(e.getX(), e.getY());
            FlowCanvas.shape(line, from, to);
            Target t = target(canvas, e);
            line.getStyleClass().removeAll("fits", "refused");
            if (t != null) {
                line.getStyleClass().add(canvas.graph().connectionProblem(fromNode, fromPort, t.node, t.port).isEmpty()
                        ? "fits" : "refused");
            }
            e.consume();
        });
        canvas.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (fromNode == null) {
                return;
            }
            Target t = target(canvas, e);
            canvas.content().getChildren().remove(line);
            if (t != null) {
                canvas.connect(fromNode, fromPort, t.node, t.port)
                        .ifPresent(problem -> canvas.setAccessibleHelp("Not connected: " + problem));
            }
            fromNode = null;
            e.consume();
        });
    }

    record Target(String node, String port) {
    }

    /** The input port under the pointer (within a few pixels), if any. */
    static Target target(FlowCanvas canvas, MouseEvent e) {
        Point2D p = canvas.toContent(e.getX(), e.getY());
        for (Node child : canvas.content().getChildren()) {
            if (child instanceof javafx.scene.Group layer) {
                for (Node n : layer.getChildren()) {
                    if (n instanceof NodeView view) {
                        for (io.parley.canvas.model.Port in : view.node().inputs()) {
                            Point2D c = canvas.portCentre(view.node(), in.id(), true);
                            if (c.distance(p) <= NodeView.PORT_RADIUS * 2.5) {
                                return new Target(view.node().id(), in.id());
                            }
                        }
                    }
                }
            }
        }
        return null;
    }
}
