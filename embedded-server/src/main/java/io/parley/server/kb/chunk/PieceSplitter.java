package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.Block;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a range of text into pieces of at most a token budget, as coarsely as possible: a range
 * that fits stays whole; otherwise it is cut into lines, a line that is still too long into
 * sentences, a sentence into words, and a word (a URL, a base64 blob) into characters. Pieces
 * never include the whitespace around them.
 */
final class PieceSplitter {

    private enum Level { LINES, SENTENCES, WORDS, CHARACTERS }

    private final String text;
    private final TokenCounter counter;
    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);

    PieceSplitter(String text, TokenCounter counter) {
        this.text = text;
        this.counter = counter;
    }

    /** Pieces of {@code [start, end)}, each at most {@code budget} tokens (a single character may exceed it). */
    List<Span> split(int start, int end, int budget) {
        List<Span> pieces = new ArrayList<>();
        split(start, end, budget, Level.LINES, pieces);
        return pieces;
    }

    /**
     * Pieces of a run of blocks. A heading (or a run of them) stays in one piece with the block
     * after it when both fit, so no chunk ends on a heading whose text is in the next one.
     */
    List<Span> pieces(List<Block> blocks, int budget) {
        List<Span> pieces = new ArrayList<>();
        int headingsStart = -1;
        int headingsEnd = -1;
        for (Block block : blocks) {
            if (block instanceof Block.Heading) {
                headingsStart = headingsStart < 0 ? block.start() : headingsStart;
                headingsEnd = block.end();
                continue;
            }
            if (headingsStart >= 0) {
                int tokens = counter.count(text.substring(headingsStart, block.end()));
                if (tokens <= budget) {
                    pieces.add(new Span(headingsStart, block.end(), tokens));
                    headingsStart = -1;
                    continue;
                }
                split(headingsStart, headingsEnd, budget, Level.LINES, pieces);
                headingsStart = -1;
            }
            split(block.start(), block.end(), budget, Level.LINES, pieces);
        }
        if (headingsStart >= 0) {
            split(headingsStart, headingsEnd, budget, Level.LINES, pieces);
        }
        return pieces;
    }

    /** Pieces of {@code [start, end)} cut straight at words, for fixed windows. */
    List<Span> words(int start, int end, int budget) {
        List<Span> pieces = new ArrayList<>();
        for (int[] word : words(start, end)) {
            split(word[0], word[1], budget, Level.CHARACTERS, pieces);
        }
        return pieces;
    }

    private void split(int start, int end, int budget, Level level, List<Span> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return;
        }
        int tokens = counter.count(text.substring(start, end));
        if (tokens <= budget) {
            out.add(new Span(start, end, tokens));
            return;
        }
        Level current = level;
        List<int[]> parts = parts(start, end, current);
        while (parts.size() < 2 && current != Level.CHARACTERS) {
            current = Level.values()[current.ordinal() + 1];
            parts = parts(start, end, current);
        }
        if (parts.size() < 2) {
            out.add(new Span(start, end, tokens)); // one character the counter sees as many tokens
            return;
        }
        Level next = current == Level.CHARACTERS ? current : Level.values()[current.ordinal() + 1];
        for (int[] part : parts) {
            split(part[0], part[1], budget, next, out);
        }
    }

    private List<int[]> parts(int start, int end, Level level) {
        return switch (level) {
            case LINES -> lines(start, end);
            case SENTENCES -> sentences(start, end);
            case WORDS -> words(start, end);
            case CHARACTERS -> halves(start, end);
        };
    }

    private List<int[]> lines(int start, int end) {
        List<int[]> lines = new ArrayList<>();
        int lineStart = start;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\n') {
                lines.add(new int[] {lineStart, i});
                lineStart = i + 1;
            }
        }
        lines.add(new int[] {lineStart, end});
        return lines;
    }

    private List<int[]> sentences(int start, int end) {
        List<int[]> parts = new ArrayList<>();
        sentences.setText(text.substring(start, end));
        int from = sentences.first();
        for (int to = sentences.next(); to != BreakIterator.DONE; from = to, to = sentences.next()) {
            parts.add(new int[] {start + from, start + to});
        }
        return parts;
    }

    private List<int[]> words(int start, int end) {
        List<int[]> words = new ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int wordStart = i;
            while (i < end && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > wordStart) {
                words.add(new int[] {wordStart, i});
            }
        }
        return words;
    }

    private List<int[]> halves(int start, int end) {
        int middle = start + (end - start) / 2;
        if (Character.isLowSurrogate(text.charAt(middle))) {
            middle++; // never cut a character in two
        }
        return middle >= end ? List.of(new int[] {start, end}) : List.of(new int[] {start, middle},
                new int[] {middle, end});
    }
}
