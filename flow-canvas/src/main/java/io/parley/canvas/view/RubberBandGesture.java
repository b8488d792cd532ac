package io.parley.canvas.view;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/**
 * Shift-dragging on empty space draws a rectangle and selects every node it touches (added to
 * the selection). A plain drag there pans instead ({@link PanGesture}).
 */
final class RubberBandGesture {

    private final Rectangle band = new Rectangle();
    private Point2D start;

    RubberBandGesture(FlowCanvas canvas) {
        band.getStyleClass().add("flow-rubber-band");
        band.setMouseTransparent(true);
        canvas.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.isShiftDown() && e.getButton() == MouseButton.PRIMARY && canvas.nodeAt(e.getX(), e.getY()) == null
                    && !(e.getTarget() instanceof javafx.scene.shape.Circle)) {
                start = canvas.toContent(e.getX(), e.getY());
                place(start, start);
                canvas.content().getChildren().add(band);
                e.consume();
            }
        });
        canvas.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (start != null) {
                place(start, canvas.toContent(e.getX(), e.getY()));
                e.consume();
            }
        });
        canvas.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (start == null) {
                return;
            }
            Bounds area = band.getBoundsInParent();
            List<String> chosen = new ArrayList<>(canvas.graph().selection());
            canvas.graph().nodes().forEach(n -> {
                javafx.scene.Node view = canvas.viewOf(n.id());
                if (view != null && area.intersects(view.getBoundsInParent()) && !chosen.contains(n.id())) {
                    chosen.add(n.id());
                }
            });
            canvas.graph().select(chosen);
            canvas.content().getChildren().remove(band);
            start = null;
            e.consume();
        });
    }

    private void place(Point2D a, Point2D b) {
        band.setX(Math.min(a.getX(), b.getX()));
        band.setY(Math.min(a.getY(), b.getY()));
        band.setWidth(Math.abs(a.getX() - b.getX()));
        band.setHeight(Math.abs(a.getY() - b.getY()));
    }
}
