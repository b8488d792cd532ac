package io.parley.canvas.view;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/** Dragging empty space (or with the middle button anywhere) moves the view; a click there clears the selection. */
final class PanGesture {

    private double lastX;
    private double lastY;
    private boolean active;
    private boolean moved;

    PanGesture(FlowCanvas canvas) {
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            boolean empty = canvas.nodeAt(e.getX(), e.getY()) == null;
            if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && empty
                    && !(e.getTarget() instanceof javafx.scene.shape.Circle)) {
                active = true;
                moved = false;
                lastX = e.getX();
                lastY = e.getY();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!active) {
                return;
            }
            canvas.panTransform().setX(canvas.panTransform().getX() + e.getX() - lastX);
            canvas.panTransform().setY(canvas.panTransform().getY() + e.getY() - lastY);
            moved |= Math.abs(e.getX() - lastX) + Math.abs(e.getY() - lastY) > 0;
            lastX = e.getX();
            lastY = e.getY();
            canvas.redrawGrid();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (active && !moved) {
                canvas.graph().select(java.util.List.of());
            }
            active = false;
        });
    }
}
