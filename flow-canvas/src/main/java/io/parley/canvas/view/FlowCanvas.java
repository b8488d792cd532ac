package io.parley.canvas.view;

import io.parley.canvas.command.CommandStack;
import io.parley.canvas.command.Connect;
import io.parley.canvas.command.MoveNodes;
import io.parley.canvas.command.RemoveNodes;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.GraphEvent;
import io.parley.canvas.model.Node;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link Graph} and edits it through a {@link CommandStack}: nodes as cards, edges as
 * curves from output to input ports, a grid. It listens to the graph, so any change (an undo, an
 * inspector) redraws at once.
 * <ul>
 * <li>Pan: drag empty space, drag with the middle button, or hold space and drag anywhere.
 * <li>Zoom: the wheel or a pinch (around the pointer), + and -, F to fit everything in view.
 * <li>Nodes: click or shift-click to select, shift-drag on empty space for a rectangle, Ctrl+A
 *     for all, Escape for none; drag to move the selection (snapped to the grid, one undo step), or
 *     nudge it with the arrow keys (Shift: five steps); Delete removes.
 * <li>Connections: drag from an output port to an input port (red where it does not fit);
 *     click one to select it (Delete removes it), double-click removes it; drag its arriving end
 *     (from the input dot) to another input to move it, or to empty space to remove it.
 * <li>Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo; Ctrl+C, Ctrl+V, Ctrl+D copy, paste and
 *     duplicate; Alt+Shift+L / T / H / V align left, align top, spread horizontally, vertically.
 * </ul>
 * Applications decide what cards say ({@link NodeLook}), mark nodes ({@link #mark}: a problem,
 * the running node), accept things dragged in from a palette ({@link #dragSource},
 * {@link #setOnDrop}) and may add a {@link Minimap}.
 */
public final class FlowCanvas extends Region {

    public static final double GRID = 20;
    static final double MIN_ZOOM = 0.2;
    static final double MAX_ZOOM = 2.5;
    /** Below this zoom a card's words are a few pixels high: cards are drawn without them. */
    static final double DETAIL_ZOOM = 0.45;

    private final CommandStack stack;
    private final Graph graph;
    private final NodeLook look;
    private final double portTop;
    private final Map<String, java.util.Set<String>> marks = new HashMap<>();
    private java.util.function.BiConsumer<Object, Point2D> onDrop = (payload, at) -> { };
    private final javafx.scene.image.ImageView grid = new javafx.scene.image.ImageView();
    private final Group content = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Translate pan = new Translate(0, 0);
    private final Map<String, NodeView> nodeViews = new HashMap<>();
    private final Map<String, CubicCurve> edgeViews = new HashMap<>();
    private final Map<String, CubicCurve> edgeHits = new HashMap<>();
    private String selectedEdge;
    private final Rectangle clip = new Rectangle();
    private io.parley.canvas.command.Clipboard.Fragment copied;
    private int pastes;

    public FlowCanvas(CommandStack stack) {
        this(stack, NodeLook.PLAIN);
    }

    public FlowCanvas(CommandStack stack, NodeLook look) {
        this.stack = stack;
        this.graph = stack.graph();
        this.look = java.util.Objects.requireNonNull(look, "look");
        this.portTop = NodeView.top(look);
        getStyleClass().add("flow-canvas");
        getStylesheets().add(FlowCanvas.class.getResource("flow-canvas.css").toExternalForm());
        setFocusTraversable(true);
        content.getChildren().addAll(edgeLayer, nodeLayer);
        content.getTransforms().addAll(pan, zoom);
        getChildren().addAll(grid, content);
        setClip(clip);
        graph.nodes().forEach(this::addNodeView);
        graph.edges().forEach(this::addEdgeView);
        graph.listen(this::changed);
        // first, so that gestures consuming the press still leave the keyboard with the canvas
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        new PanGesture(this);
        new DragNodesGesture(this);
        new ConnectGesture(this);
        new RubberBandGesture(this);
        new ReconnectGesture(this);
        addEventHandler(ScrollEvent.SCROLL, this::wheel);
        addEventHandler(javafx.scene.input.ZoomEvent.ZOOM, e -> {
            zoomAt(zoom.getX() * e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (!(e.getTarget() instanceof CubicCurve)) {
                selectEdge(null);
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        addEventHandler(javafx.scene.input.MouseDragEvent.MOUSE_DRAG_ENTERED, e -> dropHover(true));
        addEventHandler(javafx.scene.input.MouseDragEvent.MOUSE_DRAG_EXITED, e -> dropHover(false));
        addEventHandler(javafx.scene.input.MouseDragEvent.MOUSE_DRAG_RELEASED, this::dropped);
    }

    // --- what gestures use ------------------------------------------------------------------

    CommandStack stack() {
        return stack;
    }

    Graph graph() {
        return graph;
    }

    Group content() {
        return content;
    }

    Translate panTransform() {
        return pan;
    }

    /** Where a port's dot is, in content coordinates. */
    Point2D portCentre(Node node, String portId, boolean input) {
        return NodeView.portCentre(node, portId, input, portTop);
    }

    /** A point of the canvas region in content (graph) coordinates. */
    Point2D toContent(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.getX(), (y - pan.getY()) / zoom.getY());
    }

    private double gridDrawnStep = -1;
    private double gridDrawnWidth;
    private double gridDrawnHeight;
    private int[] gridPixels = new int[0];

    /**
     * Keeps the dotted grid under the content. The grid is a bitmap one step larger than the
     * view on every side, drawn again only when the zoom or the size changes; a pan just shifts
     * it by whole pixels, so panning costs a copy, not a drawing.
     */
    void redrawGrid() {
        double w = getWidth();
        double h = getHeight();
        double step = GRID * zoom.getX();
        if (step != gridDrawnStep || w != gridDrawnWidth || h != gridDrawnHeight) {
            drawGrid(w, h, step);
        }
        if (grid.getImage() != null) {
            grid.setTranslateX(Math.round(pan.getX() - Math.floor(pan.getX() / step) * step - step));
            grid.setTranslateY(Math.round(pan.getY() - Math.floor(pan.getY() / step) * step - step));
        }
    }

    private void drawGrid(double w, double h, double step) {
        gridDrawnStep = step;
        gridDrawnWidth = w;
        gridDrawnHeight = h;
        // sized for the largest step, so zooming reuses the bitmap
        int width = (int) Math.ceil(w + 2 * GRID * MAX_ZOOM);
        int height = (int) Math.ceil(h + 2 * GRID * MAX_ZOOM);
        if (step < 6 || w <= 0 || h <= 0) {
            grid.setImage(null); // too dense to help
            return;
        }
        if (gridPixels.length < width * height) {
            gridPixels = new int[width * height];
        } else {
            java.util.Arrays.fill(gridPixels, 0, width * height, 0);
        }
        int dot = 0xFFD5D9E0;
        for (double y = 0; y + 1 < height; y += step) {
            for (double x = 0; x + 1 < width; x += step) {
                int at = (int) Math.round(y) * width + (int) Math.round(x);
                gridPixels[at] = dot;
                gridPixels[at + 1] = dot;
                if (at + width + 1 < width * height) {
                    gridPixels[at + width] = dot;
                    gridPixels[at + width + 1] = dot;
                }
            }
        }
        javafx.scene.image.WritableImage image = grid.getImage() instanceof javafx.scene.image.WritableImage same
                && same.getWidth() == width && same.getHeight() == height
                ? same : new javafx.scene.image.WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height,
                javafx.scene.image.PixelFormat.getIntArgbPreInstance(), gridPixels, 0, width);
        grid.setImage(image);
    }

    // --- the public view -------------------------------------------------------------------

    public double zoomLevel() {
        return zoom.getX();
    }

    /** Zooms to {@code level} keeping the point (x, y) of the region where it is. */
    public void zoomAt(double level, double x, double y) {
        double next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, level));
        Point2D fixed = toContent(x, y);
        setZoom(next);
        pan.setX(x - fixed.getX() * next);
        pan.setY(y - fixed.getY() * next);
        redrawGrid();
    }

    private void setZoom(double level) {
        zoom.setX(level);
        zoom.setY(level);
        boolean detailed = level >= DETAIL_ZOOM;
        nodeViews.values().forEach(v -> v.showDetail(detailed));
    }

    /** Shows every node, as large as fits (at most 100 %). */
    public void fitToView() {
        if (graph.nodes().isEmpty() || getWidth() == 0) {
            return;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Node n : graph.nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + NodeView.WIDTH);
            maxY = Math.max(maxY, n.y() + NodeView.height(n, portTop));
        }
        double margin = 40;
        double level = Math.min(1, Math.min((getWidth() - 2 * margin) / (maxX - minX),
                (getHeight() - 2 * margin) / (maxY - minY)));
        level = Math.max(MIN_ZOOM, level);
        setZoom(level);
        pan.setX(margin - minX * level + ((getWidth() - 2 * margin) - (maxX - minX) * level) / 2);
        pan.setY(margin - minY * level + ((getHeight() - 2 * margin) - (maxY - minY) * level) / 2);
        redrawGrid();
    }

    /** The middle of what is in view, in content coordinates: where a node added by a click goes. */
    public Point2D visibleCentre() {
        return toContent(getWidth() / 2, getHeight() / 2);
    }

    /** Pans (keeping the zoom) so that {@code nodeId}'s card is in the middle of the view. */
    public void reveal(String nodeId) {
        graph.node(nodeId).ifPresent(n -> {
            double level = zoom.getX();
            pan.setX(getWidth() / 2 - (n.x() + NodeView.WIDTH / 2) * level);
            pan.setY(getHeight() / 2 - (n.y() + NodeView.height(n, portTop) / 2) * level);
            redrawGrid();
        });
    }

    /**
     * Marks exactly {@code nodeIds} with {@code mark}, a CSS pseudo-class of their cards
     * ({@code .flow-node:problem}); nodes added later get it too when their id is listed.
     */
    public void mark(String mark, java.util.Collection<String> nodeIds) {
        java.util.Set<String> ids = java.util.Set.copyOf(nodeIds);
        marks.put(mark, ids);
        javafx.css.PseudoClass pseudo = javafx.css.PseudoClass.getPseudoClass(mark);
        nodeViews.forEach((id, view) -> view.pseudoClassStateChanged(pseudo, ids.contains(id)));
    }

    /** The nodes marked with {@code mark}. */
    public java.util.Set<String> marked(String mark) {
        return marks.getOrDefault(mark, java.util.Set.of());
    }

    // --- dragging things in from outside (a palette) -----------------------------------------

    private static Object dragging;

    /**
     * Makes {@code source} (a palette entry) draggable onto any flow canvas of its scene: the
     * canvas's drop handler receives {@code payload.get()} and the point, in content coordinates
     * and snapped to the grid, where it was released.
     */
    public static void dragSource(javafx.scene.Node source, java.util.function.Supplier<?> payload) {
        source.addEventHandler(javafx.scene.input.MouseEvent.DRAG_DETECTED, e -> {
            dragging = payload.get();
            source.startFullDrag();
            e.consume();
        });
        source.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> dragging = null);
    }

    /** What to do with a payload dropped on the canvas (see {@link #dragSource}). */
    public void setOnDrop(java.util.function.BiConsumer<Object, Point2D> handler) {
        this.onDrop = java.util.Objects.requireNonNull(handler, "handler");
    }

    private void dropHover(boolean over) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("drop-target"), over && dragging != null);
    }

    private void dropped(javafx.scene.input.MouseDragEvent e) {
        dropHover(false);
        Object payload = dragging;
        dragging = null;
        if (payload == null) {
            return;
        }
        Point2D p = toContent(e.getX(), e.getY());
        // the card's header centres on the pointer, as if it had been carried by its title
        onDrop.accept(payload, new Point2D(DragNodesGesture.snap(p.getX() - NodeView.WIDTH / 2),
                DragNodesGesture.snap(p.getY() - NodeView.HEADER / 2)));
        requestFocus();
        e.consume();
    }

    /** The node view drawn for {@code nodeId} (for tests and the studio's highlights). */
    public javafx.scene.Node viewOf(String nodeId) {
        return nodeViews.get(nodeId);
    }

    @Override
    protected void layoutChildren() {
        clip.setWidth(getWidth());
        clip.setHeight(getHeight());
        redrawGrid();
    }

    // --- keeping the drawing in step with the graph ------------------------------------------

    private void changed(GraphEvent event) {
        switch (event) {
            case GraphEvent.NodeAdded added -> addNodeView(added.node());
            case GraphEvent.NodeRemoved removed -> nodeLayer.getChildren().remove(nodeViews.remove(removed.node().id()));
            case GraphEvent.NodeChanged change -> {
                nodeViews.get(change.after().id()).show(change.after());
                graph.edgesOf(change.after().id()).forEach(this::placeEdge);
            }
            case GraphEvent.EdgeAdded added -> addEdgeView(added.edge());
            case GraphEvent.EdgeRemoved removed -> {
                edgeLayer.getChildren().removeAll(edgeViews.remove(removed.edge().id()),
                        edgeHits.remove(removed.edge().id()));
                if (removed.edge().id().equals(selectedEdge)) {
                    selectedEdge = null;
                }
            }
            case GraphEvent.SelectionChanged selection -> {
                nodeViews.forEach((id, view) -> view.pseudoClassStateChanged(
                        javafx.css.PseudoClass.getPseudoClass("selected"), selection.selected().contains(id)));
                if (!selection.selected().isEmpty()) {
                    selectEdge(null); // one kind of selection at a time
                }
            }
        }
    }

    private void addNodeView(Node node) {
        NodeView view = new NodeView(node, look);
        view.showDetail(zoom.getX() >= DETAIL_ZOOM);
        nodeViews.put(node.id(), view);
        nodeLayer.getChildren().add(view);
        marks.forEach((mark, ids) -> view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(mark),
                ids.contains(node.id())));
        view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), graph.selection().contains(node.id()));
    }

    private void addEdgeView(Edge edge) {
        CubicCurve curve = new CubicCurve();
        curve.getStyleClass().add("flow-edge");
        curve.setId("edge-" + edge.id());
        curve.setFill(null);
        curve.setMouseTransparent(true);
        // a wide invisible twin takes the clicks: a 2-pixel line is hard to hit
        CubicCurve hit = new CubicCurve();
        hit.getStyleClass().add("flow-edge-hit");
        hit.setId("edge-hit-" + edge.id());
        hit.setFill(null);
        hit.getProperties().put(Edge.class, edge.id());
        hit.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                graph.edge(edge.id()).ifPresent(current -> stack.execute(new io.parley.canvas.command.Disconnect(current)));
            } else {
                graph.select(java.util.List.of());
                selectEdge(edge.id());
            }
            requestFocus();
            e.consume();
        });
        hit.setOnMouseEntered(e -> curve.pseudoClassStateChanged(HOVER, true));
        hit.setOnMouseExited(e -> curve.pseudoClassStateChanged(HOVER, false));
        edgeViews.put(edge.id(), curve);
        edgeHits.put(edge.id(), hit);
        edgeLayer.getChildren().addAll(curve, hit);
        placeEdge(edge);
    }

    private static final javafx.css.PseudoClass HOVER = javafx.css.PseudoClass.getPseudoClass("hover");
    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");

    CubicCurve edgeView(String edgeId) {
        return edgeViews.get(edgeId);
    }

    /** Selects one connection (Delete then removes it); null clears it. */
    public void selectEdge(String edgeId) {
        if (selectedEdge != null && edgeViews.containsKey(selectedEdge)) {
            edgeViews.get(selectedEdge).pseudoClassStateChanged(SELECTED, false);
        }
        selectedEdge = edgeId != null && edgeViews.containsKey(edgeId) ? edgeId : null;
        if (selectedEdge != null) {
            edgeViews.get(selectedEdge).pseudoClassStateChanged(SELECTED, true);
        }
    }

    /** The selected connection, if any. */
    public java.util.Optional<String> selectedEdge() {
        return java.util.Optional.ofNullable(selectedEdge);
    }

    private void placeEdge(Edge edge) {
        CubicCurve curve = edgeViews.get(edge.id());
        Node from = graph.node(edge.fromNode()).orElseThrow();
        Node to = graph.node(edge.toNode()).orElseThrow();
        Point2D a = portCentre(from, edge.fromPort(), false);
        Point2D b = portCentre(to, edge.toPort(), true);
        shape(curve, a, b);
        shape(edgeHits.get(edge.id()), a, b);
    }

    static void shape(CubicCurve curve, Point2D a, Point2D b) {
        double bend = Math.max(40, Math.abs(b.getX() - a.getX()) / 2);
        curve.setStartX(a.getX());
        curve.setStartY(a.getY());
        curve.setControlX1(a.getX() + bend);
        curve.setControlY1(a.getY());
        curve.setControlX2(b.getX() - bend);
        curve.setControlY2(b.getY());
        curve.setEndX(b.getX());
        curve.setEndY(b.getY());
    }

    // --- wheel and keys ----------------------------------------------------------------------

    private void wheel(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomAt(zoom.getX() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1), e.getX(), e.getY());
        e.consume();
    }

    private void key(KeyEvent e) {
        boolean shortcut = e.isShortcutDown();
        if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && !graph.selection().isEmpty()) {
            stack.execute(new RemoveNodes(new ArrayList<>(graph.selection())));
        } else if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && selectedEdge != null) {
            graph.edge(selectedEdge).ifPresent(edge -> stack.execute(new io.parley.canvas.command.Disconnect(edge)));
        } else if (e.isAltDown() && e.isShiftDown() && ALIGN_KEYS.containsKey(e.getCode())) {
            align(ALIGN_KEYS.get(e.getCode()));
        } else if (shortcut && e.getCode() == KeyCode.Z && e.isShiftDown() || shortcut && e.getCode() == KeyCode.Y) {
            stack.redo();
        } else if (shortcut && e.getCode() == KeyCode.Z) {
            stack.undo();
        } else if (shortcut && e.getCode() == KeyCode.C && !graph.selection().isEmpty()) {
            copied = io.parley.canvas.command.Clipboard.copy(graph, graph.selection());
            pastes = 0;
        } else if (shortcut && e.getCode() == KeyCode.V && copied != null && !copied.isEmpty()) {
            pastes++;
            stack.execute(io.parley.canvas.command.Clipboard.paste(graph, copied, GRID * 2 * pastes, GRID * 2 * pastes));
        } else if (shortcut && e.getCode() == KeyCode.D && !graph.selection().isEmpty()) {
            stack.execute(io.parley.canvas.command.Clipboard.paste(graph,
                    io.parley.canvas.command.Clipboard.copy(graph, graph.selection()), GRID * 2, GRID * 2));
        } else if (!shortcut && !e.isAltDown() && e.getCode().isArrowKey() && !graph.selection().isEmpty()) {
            double step = GRID * (e.isShiftDown() ? 5 : 1); // on the grid; held or repeated, one undo step
            double dx = e.getCode() == KeyCode.LEFT ? -step : e.getCode() == KeyCode.RIGHT ? step : 0;
            double dy = e.getCode() == KeyCode.UP ? -step : e.getCode() == KeyCode.DOWN ? step : 0;
            stack.execute(MoveNodes.by(graph, new ArrayList<>(graph.selection()), dx, dy));
        } else if (e.getCode() == KeyCode.ESCAPE && (!graph.selection().isEmpty() || selectedEdge != null)) {
            graph.select(List.of());
            selectEdge(null);
        } else if (shortcut && e.getCode() == KeyCode.A) {
            graph.select(graph.nodes().stream().map(Node::id).toList());
        } else if (e.getCode() == KeyCode.F) {
            fitToView();
        } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
            zoomAt(zoom.getX() * 1.2, getWidth() / 2, getHeight() / 2);
        } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
            zoomAt(zoom.getX() / 1.2, getWidth() / 2, getHeight() / 2);
        } else {
            return;
        }
        e.consume();
    }

    private static final Map<KeyCode, io.parley.canvas.command.Align.How> ALIGN_KEYS = Map.of(
            KeyCode.L, io.parley.canvas.command.Align.How.LEFT, KeyCode.T, io.parley.canvas.command.Align.How.TOP,
            KeyCode.H, io.parley.canvas.command.Align.How.DISTRIBUTE_HORIZONTALLY,
            KeyCode.V, io.parley.canvas.command.Align.How.DISTRIBUTE_VERTICALLY);

    /** Lines up the selected nodes (two or more), as one step. */
    public void align(io.parley.canvas.command.Align.How how) {
        io.parley.canvas.command.MoveNodes move = io.parley.canvas.command.Align.of(graph, graph.selection(), how);
        if (move != null) {
            stack.execute(move);
        }
    }

    /** Moves the view, keeping the zoom, so that content point (x, y) is in its middle. */
    public void centreOn(double x, double y) {
        pan.setX(getWidth() / 2 - x * zoom.getX());
        pan.setY(getHeight() / 2 - y * zoom.getY());
        redrawGrid();
    }

    /** The part of the content in view, in content coordinates. */
    public javafx.geometry.Rectangle2D visibleArea() {
        Point2D a = toContent(0, 0);
        Point2D b = toContent(getWidth(), getHeight());
        return new javafx.geometry.Rectangle2D(a.getX(), a.getY(), Math.max(0, b.getX() - a.getX()),
                Math.max(0, b.getY() - a.getY()));
    }

    /** Runs {@code listener} whenever the view pans or zooms (a minimap follows it). */
    public void onViewChanged(Runnable listener) {
        javafx.beans.InvalidationListener l = o -> listener.run();
        pan.xProperty().addListener(l);
        pan.yProperty().addListener(l);
        zoom.xProperty().addListener(l);
        widthProperty().addListener(l);
        heightProperty().addListener(l);
    }

    /** The graph drawn (for a minimap). */
    public Graph graphShown() {
        return graph;
    }

    /** The node view under a point of the region, if any. */
    NodeView nodeAt(double x, double y) {
        Point2D p = toContent(x, y);
        for (int i = nodeLayer.getChildren().size() - 1; i >= 0; i--) { // the topmost first
            NodeView v = (NodeView) nodeLayer.getChildren().get(i);
            Bounds b = v.getBoundsInParent();
            if (b.contains(p)) {
                return v;
            }
        }
        return null;
    }

    private boolean oneEdgePerOutput;

    /**
     * When on, connecting an output that already leads somewhere moves its connection instead of
     * adding a second one (for flows where an exit leads to one next step).
     */
    public void setOneEdgePerOutput(boolean on) {
        this.oneEdgePerOutput = on;
    }

    /** Adds an edge if the graph allows it; the reason when it does not. */
    java.util.Optional<String> connect(String fromNode, String fromPort, String toNode, String toPort) {
        java.util.Optional<String> problem = graph.connectionProblem(fromNode, fromPort, toNode, toPort);
        if (problem.isEmpty()) {
            Connect connect = new Connect(new Edge(graph.freshId("e"), fromNode, fromPort, toNode, toPort));
            java.util.List<io.parley.canvas.command.Command> replaced = new ArrayList<>();
            if (oneEdgePerOutput) {
                graph.outgoing(fromNode).stream().filter(e -> e.fromPort().equals(fromPort))
                        .forEach(e -> replaced.add(new io.parley.canvas.command.Disconnect(e)));
            }
            if (replaced.isEmpty()) {
                stack.execute(connect);
            } else {
                replaced.add(connect);
                stack.execute(new io.parley.canvas.command.Compound("Connect", replaced));
            }
        }
        return problem;
    }
}
