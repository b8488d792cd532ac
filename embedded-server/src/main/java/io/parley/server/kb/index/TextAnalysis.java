package io.parley.server.kb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one analyzer of the index, used for indexing, queries, tag matching and snippets so they
 * all agree on what a "word" is.
 *
 * <p>EnglishAnalyzer rather than StandardAnalyzer: the same Unicode tokenizer and lower-casing,
 * plus possessive removal, English stop words (which would only add noise to BM25 and to tag
 * matching) and the Porter stemmer, so "refund", "refunds" and "refunded" match each other.
 * The knowledge bases are English-first; the embedding models Parley ships are English too.
 * Thread-safe: Lucene analyzers reuse token streams per thread.
 */
final class TextAnalysis implements AutoCloseable {

    /** Longer queries are truncated: more words add little to BM25 and would blow the clause limit. */
    static final int MAX_QUERY_TERMS = 64;

    record Token(String term, int start, int end) {
    }

    private final Analyzer analyzer = new EnglishAnalyzer();

    Analyzer analyzer() {
        return analyzer;
    }

    /** Distinct analysed terms, in order of first appearance, at most {@link #MAX_QUERY_TERMS}. */
    List<String> queryTerms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (Token token : tokens(text)) {
            if (terms.size() == MAX_QUERY_TERMS) {
                break;
            }
            terms.add(token.term());
        }
        return List.copyOf(terms);
    }

    /** Distinct analysed terms of several short texts (tags). */
    Set<String> termsOf(List<String> texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            tokens(text).forEach(t -> terms.add(t.term()));
        }
        return terms;
    }

    /** Every analysed token with its character offsets in {@code text}. */
    List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream(ChunkSchema.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader never fails; keep the signature clean
        }
        return tokens;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
