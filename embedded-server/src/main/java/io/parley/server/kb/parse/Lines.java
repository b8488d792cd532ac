package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;

/** The lines of a text with their offsets, for the parsers that keep offsets into the original file. */
final class Lines {

    private Lines() {
    }

    /**
     * One line: {@code [start, end)} excludes the line break; {@code contentStart/contentEnd}
     * exclude leading and trailing whitespace.
     */
    record Line(String text, int start, int end, int contentStart, int contentEnd) {
        boolean isBlank() {
            return contentStart == contentEnd;
        }

        /** The line without surrounding whitespace. */
        String content() {
            return text.substring(contentStart - start, contentEnd - start);
        }
    }

    static List<Line> of(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = start;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lines.add(line(text, start, end));
            if (end >= length) {
                break;
            }
            start = end + (text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        return lines;
    }

    private static Line line(String text, int start, int end) {
        int contentStart = start;
        while (contentStart < end && Character.isWhitespace(text.charAt(contentStart))) {
            contentStart++;
        }
        int contentEnd = end;
        while (contentEnd > contentStart && Character.isWhitespace(text.charAt(contentEnd - 1))) {
            contentEnd--;
        }
        return new Line(text.substring(start, end), start, end, contentStart, contentEnd);
    }
}
