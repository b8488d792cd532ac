package io.parley.canvas.view;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Dragging empty space (or with the middle button, or holding space, anywhere) moves the view;
 * a click on empty space clears the selection.
 */
final class PanGesture {

    private double lastX;
    private double lastY;
    private boolean active;
    private boolean moved;
    private boolean spaceDown;
    private boolean overAnything; // started over a node or port while space was held

    PanGesture(FlowCanvas canvas) {
        canvas.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = true;
                e.consume();
            }
        });
        canvas.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                e.consume();
            }
        });
        // with space held the press is the pan's, whatever it is over: nodes and ports do not see it
        canvas.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (spaceDown && e.getButton() == MouseButton.PRIMARY) {
                start(e);
                overAnything = true;
                e.consume();
            }
        });
        canvas.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (active && overAnything) {
                drag(canvas, e);
                e.consume();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            boolean empty = canvas.nodeAt(e.getX(), e.getY()) == null;
            if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && empty
                    && !(e.getTarget() instanceof javafx.scene.shape.Circle)) {
                start(e);
                overAnything = false;
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (active && !overAnything) {
                drag(canvas, e);
            }
        });
        canvas.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (active && !moved && !overAnything) {
                canvas.graph().select(java.util.List.of());
            }
            if (active && overAnything) {
                e.consume();
            }
            active = false;
            overAnything = false;
        });
    }

    private void start(MouseEvent e) {
        active = true;
        moved = false;
        lastX = e.getX();
        lastY = e.getY();
    }

    private void drag(FlowCanvas canvas, MouseEvent e) {
        canvas.panTransform().setX(canvas.panTransform().getX() + e.getX() - lastX);
        canvas.panTransform().setY(canvas.panTransform().getY() + e.getY() - lastY);
        moved |= Math.abs(e.getX() - lastX) + Math.abs(e.getY() - lastY) > 0;
        lastX = e.getX();
        lastY = e.getY();
        canvas.redrawGrid();
    }
}
