package io.parley.studio.chatflow;

import io.parley.canvas.view.FlowCanvas;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * The steps a flow can have, by group: click one to add it in the middle of the view, or drag it
 * to where it should go. Enter or space on a focused entry adds it too.
 */
final class PaletteView extends ScrollPane {

    PaletteView(FlowBuilderViewModel viewModel, FlowCanvas canvas) {
        VBox list = new VBox(4);
        list.getStyleClass().add("flow-palette");
        for (NodeKind.Group group : NodeKind.Group.values()) {
            Label heading = new Label(group.title());
            heading.getStyleClass().add("palette-group");
            list.getChildren().add(heading);
            for (NodeKind kind : NodeKind.values()) {
                if (kind.group() == group) {
                    list.getChildren().add(entry(kind, viewModel, canvas));
                }
            }
        }
        setId("flow-palette");
        setContent(list);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("flow-palette-scroll");
    }

    private static HBox entry(NodeKind kind, FlowBuilderViewModel viewModel, FlowCanvas canvas) {
        SVGPath icon = new SVGPath();
        icon.setContent(kind.icon());
        icon.getStyleClass().add("flow-node-icon");
        icon.setScaleX(0.66);
        icon.setScaleY(0.66);
        VBox badge = new VBox(new Group(icon));
        badge.setAlignment(Pos.CENTER);
        badge.getStyleClass().addAll("flow-node-badge", "palette-badge", kind.cssClass());
        Label title = new Label(kind.title());
        title.getStyleClass().add("palette-title");
        HBox entry = new HBox(8, badge, title);
        entry.setId("palette-" + kind.type());
        entry.getStyleClass().add("palette-entry");
        entry.setAlignment(Pos.CENTER_LEFT);
        entry.setFocusTraversable(true);
        entry.setAccessibleText("Add step: " + kind.title());
        Tooltip.install(entry, new Tooltip(kind.description() + "\nClick to add, or drag onto the canvas."));
        Runnable add = () -> {
            Point2D centre = canvas.visibleCentre();
            viewModel.add(kind, snap(centre.getX() - 95), snap(centre.getY() - 40));
            canvas.requestFocus();
        };
        entry.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                add.run();
            }
        });
        entry.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                add.run();
                e.consume();
            }
        });
        FlowCanvas.dragSource(entry, () -> kind);
        return entry;
    }

    private static double snap(double v) {
        return Math.round(v / FlowCanvas.GRID) * FlowCanvas.GRID;
    }
}
