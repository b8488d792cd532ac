package io.parley.canvas.view;

import io.parley.canvas.model.Node;

/**
 * What a node's card says, decided by the application: a title, a kind line, a short summary of
 * its settings and a one-character glyph. Colours come from the stylesheet ({@code .kind-<kind>}).
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

    /** A short symbol drawn in the card's badge; empty for none. */
    default String glyph(Node node) {
        return "";
    }

    /** Whether cards keep room for {@link #summary}: all cards then have the same header. */
    default boolean showsSummary() {
        return false;
    }
}
