package io.parley.canvas.view;

import io.parley.canvas.command.MoveNodes;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pressing a node selects it (shift toggles it); dragging moves the selection, snapped to the
 * grid, as one undo step however many mouse moves it takes.
 */
final class DragNodesGesture {

    private Point2D start;
    private Map<String, double[]> origins;
    private boolean dragging;

    DragNodesGesture(FlowCanvas canvas) {
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            NodeView view = canvas.nodeAt(e.getX(), e.getY());
            if (view == null || e.getButton() != MouseButton.PRIMARY || e.getTarget() instanceof javafx.scene.shape.Circle) {
                return;
            }
            String id = view.node().id();
            if (e.isShiftDown()) {
                canvas.graph().toggleSelected(id);
            } else if (!canvas.graph().selection().contains(id)) {
                canvas.graph().select(List.of(id));
            }
            start = canvas.toContent(e.getX(), e.getY());
            origins = new LinkedHashMap<>();
            for (String selected : new ArrayList<>(canvas.graph().selection())) {
                canvas.graph().node(selected).ifPresent(n -> origins.put(selected, new double[] {n.x(), n.y()}));
            }
            dragging = false;
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (start == null || origins.isEmpty()) {
                return;
            }
            Point2D now = canvas.toContent(e.getX(), e.getY());
            double dx = now.getX() - start.getX();
            double dy = now.getY() - start.getY();
            if (!dragging) {
                if (Math.abs(dx) + Math.abs(dy) < 3) {
                    return;
                }
                dragging = true;
                canvas.stack().beginGroup(origins.size() == 1 ? "Move node" : "Move " + origins.size() + " nodes");
            }
            Map<String, double[]> targets = new LinkedHashMap<>();
            origins.forEach((id, o) -> targets.put(id, new double[] {snap(o[0] + dx), snap(o[1] + dy)}));
            canvas.stack().execute(MoveNodes.to(canvas.graph(), "Move", targets));
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging) {
                canvas.stack().endGroup();
            }
            start = null;
            dragging = false;
        });
    }

    static double snap(double v) {
        return Math.round(v / FlowCanvas.GRID) * FlowCanvas.GRID;
    }
}
