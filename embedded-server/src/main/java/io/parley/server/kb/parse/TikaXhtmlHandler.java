package io.parley.server.kb.parse;

import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the XHTML that Tika emits for any format and turns it into blocks: {@code h1..h6}
 * become headings, {@code p}/{@code li} paragraphs, {@code table} tables, and every
 * {@code <div class="page">} (PDF pages, Excel sheets) starts a new page.
 */
final class TikaXhtmlHandler extends DefaultHandler {

    private static final Set<String> SKIPPED = Set.of("head", "title", "script", "style", "meta");
    // Elements whose start or end closes the running paragraph.
    private static final Set<String> BLOCKS = Set.of("p", "li", "div", "ul", "ol", "dl", "dt", "dd", "pre",
            "blockquote", "section", "article", "body", "hr", "table", "h1", "h2", "h3", "h4", "h5", "h6");

    private final TextAssembler out;
    private final boolean keepPages;
    private final long maxChars;
    private final StringBuilder running = new StringBuilder();
    private long charsSeen;
    private int skipDepth;
    private int headingLevel;
    private int pages;
    private TableCollector table;

    /**
     * @param keepPages whether page divs are real pages (PDF) rather than sheets or slides
     * @param maxChars  stop with Tika's write-limit error after this many characters
     */
    TikaXhtmlHandler(TextAssembler out, boolean keepPages, long maxChars) {
        this.out = out;
        this.keepPages = keepPages;
        this.maxChars = maxChars;
    }

    int pages() {
        return pages;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        String name = name(localName, qName);
        if (SKIPPED.contains(name) || skipDepth > 0) {
            skipDepth += SKIPPED.contains(name) ? 1 : 0;
            return;
        }
        if (table != null) {
            table.start(name);
            return;
        }
        if ("div".equals(name) && "page".equals(atts.getValue("class"))) {
            flushParagraph();
            pages++;
            if (keepPages) {
                out.page(pages);
            }
        } else if ("table".equals(name)) {
            flushParagraph();
            table = new TableCollector();
        } else if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
            flushParagraph();
            headingLevel = name.charAt(1) - '0';
        } else if ("br".equals(name)) {
            running.append('\n');
        } else if (BLOCKS.contains(name)) {
            flushParagraph();
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (skipDepth > 0) {
            skipDepth -= SKIPPED.contains(name) ? 1 : 0;
            return;
        }
        if (table != null) {
            if (table.end(name)) {
                out.table(table.header(), table.rows());
                table = null;
            }
            return;
        }
        if (headingLevel > 0 && name.length() == 2 && name.charAt(0) == 'h') {
            out.heading(headingLevel, running.toString());
            running.setLength(0);
            headingLevel = 0;
        } else if (BLOCKS.contains(name)) {
            flushParagraph();
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipDepth > 0) {
            return;
        }
        charsSeen += length;
        if (charsSeen > maxChars) {
            throw new WriteLimitReachedException((int) Math.min(Integer.MAX_VALUE, maxChars));
        }
        if (table != null) {
            table.text(ch, start, length);
        } else {
            running.append(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        // Tika's indentation between elements: never content.
    }

    @Override
    public void endDocument() {
        flushParagraph();
    }

    private void flushParagraph() {
        if (headingLevel == 0) {
            out.paragraph(running.toString());
            running.setLength(0);
        }
    }

    private static String name(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Collects one table. Nested tables are flattened into the cell that holds them: their
     * structure rarely survives extraction anyway and a cell must stay one value.
     */
    private static final class TableCollector {
        private final List<List<String>> rows = new ArrayList<>();
        private List<String> row;
        private StringBuilder cell;
        private int depth = 1;

        void start(String name) {
            if ("table".equals(name)) {
                depth++;
            } else if (depth > 1) {
                separate();
            } else if ("tr".equals(name)) {
                row = new ArrayList<>();
            } else if ("td".equals(name) || "th".equals(name)) {
                cell = new StringBuilder();
            } else {
                separate();
            }
        }

        /** @return true when the outermost table ended */
        boolean end(String name) {
            if ("table".equals(name)) {
                return --depth == 0;
            }
            if (depth > 1) {
                separate();
            } else if (("td".equals(name) || "th".equals(name)) && cell != null && row != null) {
                row.add(Whitespace.collapse(cell.toString()));
                cell = null;
            } else if ("tr".equals(name) && row != null) {
                rows.add(row);
                row = null;
            } else {
                separate();
            }
            return false;
        }

        void text(char[] ch, int start, int length) {
            if (cell != null) {
                cell.append(ch, start, length);
            }
        }

        /** Keeps words of separate paragraphs inside one cell apart. */
        private void separate() {
            if (cell != null) {
                cell.append(' ');
            }
        }

        /** Tika does not mark header rows reliably, so the first row is the header: most tables start with one. */
        List<String> header() {
            return rows.isEmpty() ? List.of() : rows.getFirst();
        }

        List<List<String>> rows() {
            return rows.isEmpty() ? List.of() : rows.subList(1, rows.size());
        }
    }
}
