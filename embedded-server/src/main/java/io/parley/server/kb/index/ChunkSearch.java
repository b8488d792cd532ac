package io.parley.server.kb.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.index.StoredFields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One search against one point-in-time searcher: gather candidates from BM25 and/or HNSW, read
 * their signals, rank, then load stored fields and build snippets for the top k only.
 */
final class ChunkSearch {

    private final TextAnalysis analysis;
    private final IndexTuning tuning;

    ChunkSearch(TextAnalysis analysis, IndexTuning tuning) {
        this.analysis = analysis;
        this.tuning = tuning;
    }

    /** {@code queryVector} is the query's vector already checked and made unit, or null. */
    List<SearchHit> run(IndexSearcher searcher, SearchQuery query, float[] queryVector) throws IOException {
        List<String> terms = query.text() == null ? List.of() : analysis.queryTerms(query.text());
        Query filter = KeywordQuery.documentFilter(query.documentIds());
        Map<Integer, Candidate> pool = new HashMap<>();
        if (query.usesKeywords()) {
            Query keyword = KeywordQuery.build(terms, filter);
            if (keyword != null) {
                TopDocs top = searcher.search(keyword, Math.max(query.topK(), tuning.keywordCandidates()));
                addKeywordHits(pool, top);
            }
        }
        if (query.usesVectors()) {
            int k = Math.max(query.topK(), tuning.vectorCandidates());
            TopDocs top = searcher.search(new KnnFloatVectorQuery(ChunkSchema.VECTOR, queryVector, k, filter), k);
            addVectorHits(pool, top);
        }
        List<Candidate> candidates = new ArrayList<>(pool.values());
        CandidateSignals.load(searcher, candidates, queryVector, terms);
        List<Candidate> ranked = Ranking.rank(candidates, query, tuning);
        return toHits(searcher, ranked, terms);
    }

    private static void addKeywordHits(Map<Integer, Candidate> pool, TopDocs top) {
        for (int i = 0; i < top.scoreDocs.length; i++) {
            Candidate c = pool.computeIfAbsent(top.scoreDocs[i].doc, Candidate::new);
            c.keywordRank = i + 1;
            c.keywordScore = top.scoreDocs[i].score;
        }
    }

    private static void addVectorHits(Map<Integer, Candidate> pool, TopDocs top) {
        for (int i = 0; i < top.scoreDocs.length; i++) {
            pool.computeIfAbsent(top.scoreDocs[i].doc, Candidate::new).vectorRank = i + 1;
        }
    }

    private List<SearchHit> toHits(IndexSearcher searcher, List<Candidate> ranked, List<String> terms)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        for (Candidate c : ranked) {
            Document doc = stored.document(c.doc, ChunkSchema.STORED);
            String snippet = Snippets.of(doc.get(ChunkSchema.TEXT), terms, analysis);
            hits.add(ChunkSchema.toHit(doc, c.score, c.matchedKeywords() ? c.keywordScore : null,
                    c.hasCosine() ? c.cosine : null, snippet));
        }
        return hits;
    }
}
