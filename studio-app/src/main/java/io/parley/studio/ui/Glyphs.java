package io.parley.studio.ui;

import io.parley.studio.home.HomeSection;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.SVGPath;

/**
 * Line icons drawn as SVG paths on a 24×24 grid, so they look the same on every machine
 * (no icon font to install, no emoji font to hope for). Colour and stroke come from CSS
 * ({@code .glyph}).
 */
public final class Glyphs {

    private static final double GRID = 24;

    private static final String BOOK =
            "M3 5.5C5.5 4.5 9 4.5 12 6.5C15 4.5 18.5 4.5 21 5.5V19C18.5 18 15 18 12 20C9 18 5.5 18 3 19Z M12 6.5V20";
    private static final String SPEECH_BUBBLE =
            "M5 4.5H19A2 2 0 0 1 21 6.5V14.5A2 2 0 0 1 19 16.5H11L6.5 20.5V16.5H5A2 2 0 0 1 3 14.5V6.5A2 2 0 0 1 5 4.5Z"
                    + " M8 10.5H8.6 M11.7 10.5H12.3 M15.4 10.5H16";
    private static final String FLOW =
            "M3 3.5H9V8.5H3Z M15 9.5H21V14.5H15Z M3 15.5H9V20.5H3Z M9 6H12V18H9 M12 12H15";

    private Glyphs() {
    }

    /** The icon of a home section, {@code size} pixels square. */
    public static Node of(HomeSection section, double size) {
        return switch (section) {
            case KNOWLEDGE_BASES -> glyph(BOOK, size);
            case CHATBOTS -> glyph(SPEECH_BUBBLE, size);
            case CHATFLOWS -> glyph(FLOW, size);
        };
    }

    private static Node glyph(String path, double size) {
        SVGPath svg = new SVGPath();
        svg.setContent(path);
        svg.getStyleClass().add("glyph");
        svg.setScaleX(size / GRID);
        svg.setScaleY(size / GRID);
        // A Group's bounds include the scale, so layout reserves the scaled size.
        Group group = new Group(svg);
        group.getStyleClass().add("glyph-box");
        return group;
    }
}
