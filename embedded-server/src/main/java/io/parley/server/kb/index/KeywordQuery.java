package io.parley.server.kb.index;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.util.List;
import java.util.Set;

/**
 * Builds the BM25 query from analysed terms: any term in any field matches; per-field scores add
 * up ("most fields"). The body text counts fully; headings, tags and the document name are short
 * fields BM25 would otherwise over-reward (length normalisation), so they get lower weights.
 * Built by hand rather than with the classic query parser: user text must never be query syntax.
 */
final class KeywordQuery {

    private record Weighted(String field, float weight) {
    }

    /** A list, not a Map.of: a fixed clause order keeps float sums, and so ties, the same on every run. */
    private static final List<Weighted> FIELDS = List.of(
            new Weighted(ChunkSchema.TEXT, 1.0f),
            new Weighted(ChunkSchema.HEADINGS, 0.5f),
            new Weighted(ChunkSchema.TAGS, 0.5f),
            new Weighted(ChunkSchema.DOCUMENT_NAME, 0.3f));

    private KeywordQuery() {
    }

    /** Null when there is nothing to match (the text had only stop words or punctuation). */
    static Query build(List<String> terms, Query filter) {
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        for (Weighted f : FIELDS) {
            BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
            terms.forEach(term -> anyTerm.add(new TermQuery(new Term(f.field(), term)), Occur.SHOULD));
            anyField.add(new BoostQuery(anyTerm.build(), f.weight()), Occur.SHOULD);
        }
        Query match = anyField.build();
        if (filter == null) {
            return match;
        }
        // MUST, not SHOULD: beside a FILTER clause, SHOULD clauses become optional and every
        // document of the filter would match with score 0.
        return new BooleanQuery.Builder().add(match, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /** Null for "all documents". */
    static Query documentFilter(Set<String> documentIds) {
        if (documentIds == null) {
            return null;
        }
        return new TermInSetQuery(ChunkSchema.DOCUMENT_ID, documentIds.stream().map(BytesRef::new).toList());
    }
}
