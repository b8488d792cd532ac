package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the text of an extracted document (HTML, PDF, Office) block by block and records where
 * each block lands, so offsets are exact by construction. Blocks are separated by a blank line;
 * tables are written as Markdown pipe rows.
 */
final class TextAssembler {

    private final StringBuilder text = new StringBuilder();
    private final List<Block> blocks = new ArrayList<>();
    private final long maxChars;
    private Integer page;

    /** @param maxChars the most text one document may produce (guards against decompression bombs) */
    TextAssembler(long maxChars) {
        this.maxChars = maxChars;
    }

    /** Later blocks start on this page (1-based), or null for formats without pages. */
    void page(Integer page) {
        this.page = page;
    }

    void heading(int level, String heading) {
        String clean = Whitespace.collapse(heading);
        if (!clean.isEmpty()) {
            int start = begin();
            text.append(clean);
            blocks.add(new Block.Heading(Math.clamp(level, 1, 6), clean, page, start, text.length()));
            checkLimit();
        }
    }

    void paragraph(String paragraph) {
        String clean = Whitespace.collapse(paragraph);
        if (!clean.isEmpty()) {
            int start = begin();
            text.append(clean);
            blocks.add(new Block.Paragraph(clean, page, start, text.length()));
            checkLimit();
        }
    }

    /** A table; with an empty header every row is data. Blank rows are dropped. */
    void table(List<String> header, List<List<String>> rows) {
        List<List<String>> kept = rows.stream().filter(r -> r.stream().anyMatch(c -> !c.isBlank())).toList();
        if (header.stream().allMatch(String::isBlank) && kept.isEmpty()) {
            return;
        }
        List<String> cleanHeader = header.stream().map(Whitespace::collapse).toList();
        int start = begin();
        if (!cleanHeader.isEmpty()) {
            text.append(MarkdownTable.row(cleanHeader)).append('\n')
                    .append(MarkdownTable.separator(cleanHeader.size()));
        }
        List<Block.Row> tableRows = new ArrayList<>();
        for (List<String> row : kept) {
            if (text.length() > start) {
                text.append('\n');
            }
            List<String> cells = row.stream().map(Whitespace::collapse).toList();
            int rowStart = text.length();
            text.append(MarkdownTable.row(cells));
            tableRows.add(new Block.Row(cells, rowStart, text.length()));
        }
        blocks.add(new Block.Table(cleanHeader, tableRows, page, start, text.length()));
        checkLimit();
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The first heading's text, for documents without a title of their own. */
    String firstHeading() {
        return blocks.stream().filter(b -> b instanceof Block.Heading).map(b -> ((Block.Heading) b).text())
                .findFirst().orElse(null);
    }

    ParsedDocument build(String title, String mediaType, Integer pageCount) {
        return new ParsedDocument(title, mediaType, text.toString(), blocks, pageCount);
    }

    private int begin() {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        return text.length();
    }

    private void checkLimit() {
        if (text.length() > maxChars) {
            throw new TextLimitExceeded(maxChars);
        }
    }

    /** Thrown when a document produces more text than allowed; the parser turns it into {@code too_large}. */
    static final class TextLimitExceeded extends RuntimeException {
        final long maxChars;

        TextLimitExceeded(long maxChars) {
            super("more than " + maxChars + " characters of text", null, false, false);
            this.maxChars = maxChars;
        }
    }
}
