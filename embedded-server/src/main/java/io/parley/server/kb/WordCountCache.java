package io.parley.server.kb;

import io.parley.server.kb.chunk.TokenCounter;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the token counts of short texts for one ingestion job. The chunker measures the
 * overlap between windows a word at a time (on Cranfield some 75 single words per document, 95%
 * of its calls), each a round trip to the native tokenizer, while fewer than 8,000 distinct words
 * make up the whole corpus: with MiniLM-q those calls were about 4% of the ingestion time. A count
 * depends on the text alone, so the chunks are the same. Not thread-safe: one job, one thread.
 */
final class WordCountCache implements TokenCounter {

    /** Longer texts (whole pieces and windows) are rarely counted twice and go straight through. */
    static final int MAX_CHARS = 32;
    private static final int MAX_ENTRIES = 50_000; // some 5 MB at most

    private final TokenCounter counter;
    private final Map<String, Integer> counts = new HashMap<>();

    WordCountCache(TokenCounter counter) {
        this.counter = counter;
    }

    @Override
    public int count(String text) {
        if (text.length() > MAX_CHARS) {
            return counter.count(text);
        }
        Integer known = counts.get(text);
        if (known != null) {
            return known;
        }
        int tokens = counter.count(text);
        if (counts.size() < MAX_ENTRIES) {
            counts.put(text, tokens);
        }
        return tokens;
    }
}
