package io.parley.server.kb.parse;

import java.util.List;

/**
 * One structural piece of a {@link ParsedDocument}, in reading order. Every block knows the
 * character range {@code [start, end)} it occupies in {@link ParsedDocument#text()} and, for
 * formats with pages (PDF), the 1-based page it starts on; {@code page} is null otherwise.
 */
public sealed interface Block permits Block.Heading, Block.Paragraph, Block.Table {

    Integer page();

    int start();

    int end();

    /** A section title; {@code level} 1 is the outermost (h1, {@code #}). */
    record Heading(int level, String text, Integer page, int start, int end) implements Block {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("heading level must be 1..6: " + level);
            }
            checkRange(start, end);
        }
    }

    /** Running text: a paragraph, a list item, a quote, a code block. */
    record Paragraph(String text, Integer page, int start, int end) implements Block {
        public Paragraph {
            checkRange(start, end);
        }
    }

    /**
     * A table with its header (empty when the source has none) and its data rows. Each row keeps
     * its own range in the document text so a chunk of whole rows can point at its source.
     */
    record Table(List<String> header, List<Row> rows, Integer page, int start, int end) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
            checkRange(start, end);
        }

        /** The cells of every data row, without their offsets. */
        public List<List<String>> cellRows() {
            return rows.stream().map(Row::cells).toList();
        }
    }

    /** One data row of a {@link Table}: its cells and its range {@code [start, end)} in the document text. */
    record Row(List<String> cells, int start, int end) {
        public Row {
            cells = List.copyOf(cells);
            checkRange(start, end);
        }
    }

    private static void checkRange(int start, int end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }
}
