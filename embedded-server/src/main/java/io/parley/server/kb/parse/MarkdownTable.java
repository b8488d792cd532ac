package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Table rows as Markdown pipe lines ({@code | a | b |}). Extracted documents write their tables
 * this way into their text, and table chunks use the same form, so what a chunk shows is what
 * its offsets point at.
 */
public final class MarkdownTable {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private MarkdownTable() {
    }

    /** One row as {@code | a | b |}; cells are put on one line and their pipes escaped. */
    public static String row(List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : cells) {
            line.append(' ').append(cell(cell)).append(" |");
        }
        return line.toString();
    }

    /**
     * The {@code | - | - |} line that makes a header row a header. One hyphen per column is
     * valid GFM and costs a third of {@code ---}: word-piece tokenizers make every hyphen a token,
     * and this line is repeated in every table chunk.
     */
    public static String separator(int columns) {
        return "|" + " - |".repeat(Math.max(1, columns));
    }

    /** A cell's text on one line with single spaces; a pipe inside it is escaped so columns stay apart. */
    public static String cell(String text) {
        return WHITESPACE.matcher(text == null ? "" : text.strip()).replaceAll(" ").replace("|", "\\|");
    }

    /** Pads or names columns so every row has one cell per header column, extra cells kept. */
    public static List<String> fit(List<String> cells, int columns) {
        List<String> fitted = new ArrayList<>(cells);
        while (fitted.size() < columns) {
            fitted.add("");
        }
        return fitted;
    }
}
