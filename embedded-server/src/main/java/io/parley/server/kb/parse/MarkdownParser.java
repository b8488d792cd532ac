package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown read line by line into headings (ATX and setext), paragraphs (list items each their
 * own), fenced code blocks (kept whole, so a {@code # comment} inside is not a heading) and GFM
 * pipe tables. Offsets point into the file's own text. Inline markup is left as written: it
 * embeds fine and the answer model reads Markdown.
 */
final class MarkdownParser {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])([ \\t]*\\1){2,}[ \\t]*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^[ \\t]*(?:[-*+]|\\d{1,9}[.)])[ \\t]+\\S");
    private static final Pattern DELIMITER_ROW =
            Pattern.compile("^[ \\t]*\\|?[ \\t]*:?-+:?[ \\t]*(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$");
    private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("^title:[ \\t]*[\"']?(.*?)[\"']?[ \\t]*$");

    private final String text;
    private final List<Lines.Line> lines;
    private final List<Block> blocks = new ArrayList<>();
    private String frontMatterTitle;
    private int paragraphStart = -1;
    private int paragraphEnd;
    private int paragraphLines;
    private boolean paragraphIsListItem;

    private MarkdownParser(String text) {
        this.text = text;
        this.lines = Lines.of(text);
    }

    static ParsedDocument parse(String fileName, String text, String mediaType) {
        MarkdownParser parser = new MarkdownParser(text);
        parser.run();
        if (parser.blocks.isEmpty()) {
            throw DocumentParseException.empty(fileName, null);
        }
        String title = parser.frontMatterTitle != null ? parser.frontMatterTitle : parser.blocks.stream()
                .filter(b -> b instanceof Block.Heading h && h.level() == 1)
                .map(b -> ((Block.Heading) b).text()).findFirst().orElse(FileNames.baseName(fileName));
        return new ParsedDocument(title, mediaType, text, parser.blocks, null);
    }

    private void run() {
        int i = skipFrontMatter();
        while (i < lines.size()) {
            Lines.Line line = lines.get(i);
            String raw = line.text();
            Matcher atx;
            if (line.isBlank()) {
                flushParagraph();
                i++;
            } else if (FENCE.matcher(raw).find()) {
                flushParagraph();
                i = fencedBlock(i);
            } else if ((atx = ATX.matcher(raw)).matches()) {
                flushParagraph();
                String heading = atx.group(2) == null ? "" : CLOSING_HASHES.matcher(atx.group(2)).replaceAll("");
                addHeading(atx.group(1).length(), heading, line.contentStart(), line.contentEnd());
                i++;
            } else if (startsTable(i)) {
                flushParagraph();
                i = table(i);
            } else if (paragraphLines == 1 && !paragraphIsListItem && SETEXT.matcher(raw).matches()) {
                int level = line.content().charAt(0) == '=' ? 1 : 2;
                addHeading(level, text.substring(paragraphStart, paragraphEnd), paragraphStart, line.contentEnd());
                paragraphStart = -1;
                paragraphLines = 0;
                i++;
            } else if (THEMATIC_BREAK.matcher(raw).matches()) {
                flushParagraph();
                i++;
            } else {
                boolean listItem = LIST_ITEM.matcher(raw).find();
                if (listItem) {
                    flushParagraph(); // each item is a unit of its own for splitting
                }
                if (paragraphStart < 0) {
                    paragraphStart = line.contentStart();
                    paragraphIsListItem = listItem;
                }
                paragraphEnd = line.contentEnd();
                paragraphLines++;
                i++;
            }
        }
        flushParagraph();
    }

    /** YAML front matter between {@code ---} lines is metadata, not content; its title is used. */
    private int skipFrontMatter() {
        if (lines.isEmpty() || !"---".equals(lines.getFirst().content())) {
            return 0;
        }
        for (int i = 1; i < lines.size(); i++) {
            String content = lines.get(i).content();
            if ("---".equals(content) || "...".equals(content)) {
                return i + 1;
            }
            Matcher title = FRONT_MATTER_TITLE.matcher(content);
            if (title.matches() && !title.group(1).isBlank()) {
                frontMatterTitle = title.group(1);
            }
        }
        frontMatterTitle = null;
        return 0; // never closed: not front matter after all
    }

    private int fencedBlock(int first) {
        Matcher open = FENCE.matcher(lines.get(first).text());
        open.find();
        String fence = open.group(1);
        int last = first + 1;
        while (last < lines.size()) {
            String content = lines.get(last).content();
            if (content.startsWith(fence) && content.chars().allMatch(c -> c == fence.charAt(0))) {
                break;
            }
            last++;
        }
        int end = lines.get(Math.min(last, lines.size() - 1)).contentEnd();
        int start = lines.get(first).contentStart();
        blocks.add(new Block.Paragraph(text.substring(start, end), null, start, end));
        return last + 1;
    }

    private boolean startsTable(int i) {
        if (i + 1 >= lines.size() || lines.get(i).text().indexOf('|') < 0) {
            return false;
        }
        String delimiter = lines.get(i + 1).text();
        return delimiter.indexOf('|') >= 0 && DELIMITER_ROW.matcher(delimiter).matches()
                && cells(delimiter).size() == cells(lines.get(i).text()).size();
    }

    private int table(int first) {
        Lines.Line headerLine = lines.get(first);
        List<Block.Row> rows = new ArrayList<>();
        int i = first + 2;
        int end = lines.get(first + 1).contentEnd();
        while (i < lines.size() && !lines.get(i).isBlank() && lines.get(i).text().indexOf('|') >= 0
                && !ATX.matcher(lines.get(i).text()).matches()) {
            Lines.Line row = lines.get(i);
            rows.add(new Block.Row(cells(row.text()), row.contentStart(), row.contentEnd()));
            end = row.contentEnd();
            i++;
        }
        blocks.add(new Block.Table(cells(headerLine.text()), rows, null, headerLine.contentStart(), end));
        return i;
    }

    /** Splits {@code | a | b \| c |} into cells on unescaped pipes. */
    static List<String> cells(String line) {
        String row = line.strip();
        if (row.startsWith("|")) {
            row = row.substring(1);
        }
        if (row.endsWith("|") && !row.endsWith("\\|")) {
            row = row.substring(0, row.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private void addHeading(int level, String heading, int start, int end) {
        String clean = Whitespace.collapse(heading);
        if (clean.isEmpty()) {
            return; // a lone "#" is not a heading worth a path entry
        }
        blocks.add(new Block.Heading(level, clean, null, start, end));
    }

    private void flushParagraph() {
        if (paragraphStart >= 0) {
            blocks.add(new Block.Paragraph(text.substring(paragraphStart, paragraphEnd), null,
                    paragraphStart, paragraphEnd));
        }
        paragraphStart = -1;
        paragraphLines = 0;
        paragraphIsListItem = false;
    }
}
