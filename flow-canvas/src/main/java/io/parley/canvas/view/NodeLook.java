package io.parley.canvas.view;

import io.parley.canvas.model.Node;

/**
 * What a node's card says, decided by the application: a title, a kind line, a short summary of
 * its settings and an icon. Colours come from the stylesheet ({@code .kind-<kind>}, and
 * {@code .flow-node-icon} for the icon's strokes).
 * The default shows the label and the kind, with no summary.
 */
public interface NodeLook {

    NodeLook PLAIN = new NodeLook() {
    };

    default String title(Node node) {
        return node.label().isEmpty() ? node.kind() : node.label();
    }

    default String subtitle(Node node) {
        return node.kind();
    }

    /** A line or two about the node's settings ("Asks: How old are you?"); empty for none. */
    default String summary(Node node) {
        return "";
    }

    /**
     * The card's icon as SVG path data on a 24×24 grid (drawn with strokes, so the same on every
     * machine, no icon font needed); empty for none.
     */
    default String icon(Node node) {
        return "";
    }

    /** Whether cards keep room for {@link #summary}: all cards then have the same header. */
    default boolean showsSummary() {
        return false;
    }
}
