package io.parley.canvas.view;

import io.parley.canvas.model.Node;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A small picture of the whole flow with the part in view outlined; clicking or dragging in it
 * moves the view there. Drawn on one canvas, redrawn when the graph or the view changes, so it
 * stays cheap with hundreds of nodes. The application places it (a corner of the canvas).
 */
public final class Minimap extends Region {

    private static final double PAD = 8;
    private final FlowCanvas flow;
    private final Canvas picture = new Canvas();
    private double scale = 1;
    private double originX;
    private double originY;
    private boolean redrawPending;

    public Minimap(FlowCanvas flow) {
        this.flow = flow;
        getStyleClass().add("flow-minimap");
        getStylesheets().add(FlowCanvas.class.getResource("flow-canvas.css").toExternalForm());
        setPrefSize(200, 130);
        setMinSize(200, 130);
        setMaxSize(200, 130);
        getChildren().add(picture);
        flow.graphShown().listen(event -> redrawSoon());
        flow.onViewChanged(this::redrawSoon);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveView);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveView);
    }

    private void moveView(MouseEvent e) {
        flow.centreOn(originX + (e.getX() - PAD) / scale, originY + (e.getY() - PAD) / scale);
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        picture.setWidth(getWidth());
        picture.setHeight(getHeight());
        redraw();
    }

    /** What is drawn and where, for tests: the content point at a point of the minimap. */
    Point2D contentAt(double x, double y) {
        return new Point2D(originX + (x - PAD) / scale, originY + (y - PAD) / scale);
    }

    /** Many changes in one go (a drag moves every selected node) make one redraw. */
    private void redrawSoon() {
        if (!redrawPending) {
            redrawPending = true;
            javafx.application.Platform.runLater(() -> {
                redrawPending = false;
                redraw();
            });
        }
    }

    private void redraw() {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = picture.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w <= 2 * PAD || h <= 2 * PAD) {
            return;
        }
        Rectangle2D view = flow.visibleArea();
        double minX = view.getMinX();
        double minY = view.getMinY();
        double maxX = view.getMaxX();
        double maxY = view.getMaxY();
        for (Node n : flow.graphShown().nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + NodeView.WIDTH);
            maxY = Math.max(maxY, n.y() + NodeView.HEADER * 2);
        }
        scale = Math.min((w - 2 * PAD) / Math.max(1, maxX - minX), (h - 2 * PAD) / Math.max(1, maxY - minY));
        originX = minX;
        originY = minY;
        g.setFill(Color.web("#98a2b3"));
        for (Node n : flow.graphShown().nodes()) {
            g.fillRoundRect(PAD + (n.x() - minX) * scale, PAD + (n.y() - minY) * scale,
                    Math.max(2, NodeView.WIDTH * scale), Math.max(2, NodeView.HEADER * 2 * scale), 3, 3);
        }
        g.setStroke(Color.web("#3b5bdb"));
        g.setLineWidth(1.5);
        g.strokeRect(PAD + (view.getMinX() - minX) * scale, PAD + (view.getMinY() - minY) * scale,
                view.getWidth() * scale, view.getHeight() * scale);
    }
}
