package io.parley.server.kb.index;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the sentence with the most distinct query terms (ties: the earlier one), then widens it
 * with neighbouring sentences while it fits in {@link #MAX_CHARS}. A sentence longer than that is
 * cut around its first match. Terms are compared after analysis, so "refunded" in the text
 * matches "refunds" in the query, exactly as BM25 matched them. Without any match (a pure vector
 * hit) the snippet is the start of the chunk.
 */
final class Snippets {

    static final int MAX_CHARS = 300;
    private static final String ELLIPSIS = "…";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private record Sentence(int start, int end, int distinctMatches, int firstMatch) {
        int length() {
            return end - start;
        }
    }

    private Snippets() {
    }

    static String of(String text, List<String> queryTerms, TextAnalysis analysis) {
        String flat = WHITESPACE.matcher(text).replaceAll(" ").strip(); // PDF line breaks are not sentence breaks
        if (flat.isEmpty()) {
            return "";
        }
        List<Sentence> sentences = sentences(flat, Set.copyOf(queryTerms), analysis);
        int best = 0;
        for (int i = 1; i < sentences.size(); i++) {
            if (sentences.get(i).distinctMatches() > sentences.get(best).distinctMatches()) {
                best = i;
            }
        }
        Sentence chosen = sentences.get(best);
        if (chosen.length() > MAX_CHARS) {
            return cut(flat, chosen, Math.max(chosen.firstMatch(), chosen.start()));
        }
        int from = best;
        int to = best;
        boolean grew = true;
        while (grew) { // alternate: the next sentence first (it usually continues the thought)
            grew = false;
            if (to + 1 < sentences.size()
                    && sentences.get(to + 1).end() - sentences.get(from).start() <= MAX_CHARS) {
                to++;
                grew = true;
            }
            if (from > 0 && sentences.get(to).end() - sentences.get(from - 1).start() <= MAX_CHARS) {
                from--;
                grew = true;
            }
        }
        return flat.substring(sentences.get(from).start(), sentences.get(to).end()).strip();
    }

    private static List<Sentence> sentences(String text, Set<String> queryTerms, TextAnalysis analysis) {
        List<TextAnalysis.Token> tokens = analysis.tokens(text);
        BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        breaks.setText(text);
        List<Sentence> sentences = new ArrayList<>();
        int t = 0;
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            Set<String> matched = new HashSet<>();
            int firstMatch = -1;
            for (; t < tokens.size() && tokens.get(t).start() < end; t++) {
                if (queryTerms.contains(tokens.get(t).term())) {
                    matched.add(tokens.get(t).term());
                    firstMatch = firstMatch < 0 ? tokens.get(t).start() : firstMatch;
                }
            }
            sentences.add(new Sentence(start, end, matched.size(), firstMatch));
        }
        return sentences;
    }

    /** A window of at most MAX_CHARS around {@code anchor}, on word boundaries, with ellipses. */
    private static String cut(String text, Sentence sentence, int anchor) {
        int budget = MAX_CHARS - 2 * ELLIPSIS.length();
        int start = Math.max(sentence.start(), Math.min(anchor - budget / 4, sentence.end() - budget));
        int end = Math.min(sentence.end(), start + budget);
        while (start > sentence.start() && start < anchor && !Character.isWhitespace(text.charAt(start - 1))) {
            start++;
        }
        while (end < sentence.end() && end > anchor && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        String body = text.substring(start, end).strip();
        return (start > 0 ? ELLIPSIS : "") + body + (end < text.length() ? ELLIPSIS : "");
    }
}
