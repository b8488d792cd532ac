package io.parley.server.kb.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Merges consecutive pieces into windows of at most {@code size} tokens, each window starting
 * with up to {@code overlap} tokens from the end of the one before (cut at a sentence start when
 * that keeps at least half the overlap, else at a word). A window is always one contiguous range
 * of the text, so its offsets are exact. In a paged document (PDF) a window never crosses a page
 * break, and no overlap is carried over one: a chunk's page is where its words are, so a citation
 * of "page 2" is true.
 */
final class WindowMerger {

    private final String text;
    private final TokenCounter counter;
    private final IntFunction<Integer> pageAt;

    WindowMerger(String text, TokenCounter counter) {
        this(text, counter, offset -> null);
    }

    /** @param pageAt the page of an offset, or null where the text has no pages */
    WindowMerger(String text, TokenCounter counter, IntFunction<Integer> pageAt) {
        this.text = text;
        this.counter = counter;
        this.pageAt = pageAt;
    }

    /** Windows measured by the counter on their own text. */
    List<Span> merge(List<Span> pieces, int size, int overlap) {
        return merge(pieces, size, overlap, span -> counter.count(text.substring(span.start(), span.end())));
    }

    /**
     * @param measure the tokens of the chunk a window becomes (it may add a prefix); every window
     *                returned measures at most {@code size}
     */
    List<Span> merge(List<Span> pieces, int size, int overlap, ToIntFunction<Span> measure) {
        List<Span> windows = new ArrayList<>();
        int start = -1;
        int end = -1;
        int tokens = 0;
        for (Span piece : pieces) {
            boolean newPage = start >= 0 && !Objects.equals(pageAt.apply(piece.start()), pageAt.apply(start));
            if (start >= 0 && (newPage || tokens + piece.tokens() > size)) {
                windows.add(new Span(start, end, tokens));
                int tailStart = newPage ? -1 : tailStart(start, end, Math.min(overlap, size - piece.tokens()));
                start = tailStart;
                tokens = tailStart < 0 ? 0 : counter.count(text.substring(tailStart, end));
            }
            if (start < 0) {
                start = piece.start();
            }
            tokens += piece.tokens();
            end = piece.end();
        }
        if (start >= 0) {
            windows.add(new Span(start, end, tokens));
        }
        List<Span> fitted = new ArrayList<>(windows.size());
        for (Span window : windows) {
            fit(window, size, measure, fitted);
        }
        return fitted;
    }

    /**
     * Where the overlap carried into the next window starts, or -1 for none. It never covers the
     * whole window, so every window adds something new.
     */
    int tailStart(int windowStart, int windowEnd, int budget) {
        if (budget <= 0) {
            return -1;
        }
        int wordTail = -1;
        int sentenceTail = -1;
        int sentenceTokens = 0;
        int tokens = 0;
        int position = windowEnd;
        while (true) {
            int wordEnd = position;
            while (wordEnd > windowStart && Character.isWhitespace(text.charAt(wordEnd - 1))) {
                wordEnd--;
            }
            int wordStart = wordEnd;
            while (wordStart > windowStart && !Character.isWhitespace(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (wordStart <= windowStart || wordStart == wordEnd) {
                break;
            }
            tokens += counter.count(text.substring(wordStart, wordEnd));
            if (tokens > budget) {
                break;
            }
            wordTail = wordStart;
            if (startsSentence(wordStart, windowStart)) {
                sentenceTail = wordStart;
                sentenceTokens = tokens;
            }
            position = wordStart;
        }
        return sentenceTail >= 0 && sentenceTokens * 2 >= budget ? sentenceTail : wordTail;
    }

    /** After a sentence end or a line break: a clean place for an overlap to begin. */
    private boolean startsSentence(int wordStart, int windowStart) {
        int i = wordStart - 1;
        boolean lineBreak = false;
        while (i >= windowStart && Character.isWhitespace(text.charAt(i))) {
            lineBreak |= text.charAt(i) == '\n';
            i--;
        }
        if (i < windowStart) {
            return false;
        }
        char before = text.charAt(i);
        return lineBreak || before == '.' || before == '!' || before == '?' || before == '。' || before == '！'
                || before == '？';
    }

    /**
     * Keeps the size promise even when the counter sees a joined window as more tokens than its
     * pieces: such a window is cut in two at the word nearest its middle, recursively.
     */
    private void fit(Span window, int size, ToIntFunction<Span> measure, List<Span> out) {
        int tokens = measure.applyAsInt(window);
        int middle = wordBoundaryNear(window.start(), window.end());
        if (tokens <= size || middle < 0) {
            out.add(new Span(window.start(), window.end(), tokens));
            return;
        }
        int leftEnd = middle;
        while (leftEnd > window.start() && Character.isWhitespace(text.charAt(leftEnd - 1))) {
            leftEnd--;
        }
        fit(new Span(window.start(), leftEnd, 0), size, measure, out);
        fit(new Span(middle, window.end(), 0), size, measure, out);
    }

    /** The start of the word nearest the middle of the range, or the middle itself in a range without spaces; -1 if too short. */
    private int wordBoundaryNear(int start, int end) {
        if (end - start < 2) {
            return -1;
        }
        int middle = start + (end - start) / 2;
        for (int d = 0; middle - d > start || middle + d < end; d++) {
            for (int i : new int[] {middle - d, middle + d}) {
                if (i > start && i < end && !Character.isWhitespace(text.charAt(i))
                        && Character.isWhitespace(text.charAt(i - 1))) {
                    return i;
                }
            }
        }
        int cut = Character.isLowSurrogate(text.charAt(middle)) ? middle + 1 : middle;
        return cut > start && cut < end ? cut : -1;
    }
}
