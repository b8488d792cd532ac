package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV and TSV as one table: the first record is the header. Quoting follows RFC 4180 (quoted
 * fields may hold delimiters, doubled quotes and line breaks); the delimiter is sniffed from the
 * first lines. Row offsets point into the file's own text.
 */
final class CsvParser {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int SNIFF_LINES = 20;

    private CsvParser() {
    }

    static ParsedDocument parse(String fileName, String text, String mediaType) {
        char delimiter = "text/tab-separated-values".equals(mediaType) ? '\t' : sniffDelimiter(text);
        List<Block.Row> records = records(fileName, text, delimiter);
        if (records.isEmpty()) {
            throw DocumentParseException.empty(fileName, null);
        }
        if (records.size() == 1) {
            throw DocumentParseException.empty(fileName, "it has a header row but no data rows.");
        }
        Block.Row headerRecord = records.getFirst();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < headerRecord.cells().size(); i++) {
            String name = headerRecord.cells().get(i);
            header.add(name.isBlank() ? "column " + (i + 1) : name);
        }
        List<Block.Row> rows = records.subList(1, records.size());
        Block table = new Block.Table(header, rows, null, headerRecord.start(), rows.getLast().end());
        return new ParsedDocument(FileNames.baseName(fileName), mediaType, text, List.of(table), null);
    }

    /** The candidate found the same (non-zero) number of times on most sniffed lines, commas winning ties. */
    static char sniffDelimiter(String text) {
        List<Lines.Line> lines = Lines.of(text.substring(0, Math.min(text.length(), 64 * 1024))).stream()
                .filter(l -> !l.isBlank()).limit(SNIFF_LINES).toList();
        char best = ',';
        int bestScore = 0;
        for (char candidate : CANDIDATES) {
            int firstCount = countOutsideQuotes(lines.isEmpty() ? "" : lines.getFirst().text(), candidate);
            if (firstCount == 0) {
                continue;
            }
            int agreeing = (int) lines.stream().filter(l -> countOutsideQuotes(l.text(), candidate) == firstCount)
                    .count();
            int score = agreeing * 1000 + Math.min(firstCount, 999);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** Every non-blank record with its cells (trimmed, unquoted) and its range in the text. */
    private static List<Block.Row> records(String fileName, String text, char delimiter) {
        List<Block.Row> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int recordStart = 0;
        int i = 0;
        int n = text.length();
        while (i <= n) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '"' && cell.toString().isBlank()) {
                int close = closingQuote(text, i + 1);
                if (close < 0) {
                    throw DocumentParseException.corrupt(fileName, "a CSV file (a quoted value starting on line "
                            + lineOf(text, i) + " is never closed)");
                }
                cell.setLength(0);
                cell.append(text.substring(i + 1, close).replace("\"\"", "\""));
                i = close + 1;
                continue;
            }
            if (c == delimiter) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
                if (cells.stream().anyMatch(v -> !v.isEmpty())) {
                    records.add(new Block.Row(cells, recordStart, Math.min(i, n)));
                }
                cells = new ArrayList<>();
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                recordStart = i + 1;
            } else {
                cell.append(c);
            }
            i++;
        }
        return records;
    }

    /** Index of the quote closing a field opened before {@code from}, skipping doubled quotes; -1 if none. */
    private static int closingQuote(String text, int from) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
