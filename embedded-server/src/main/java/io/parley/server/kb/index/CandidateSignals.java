package io.parley.server.kb.index;

import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads, for every candidate, its importance, how many query terms its tags hold, and its exact
 * cosine to the query vector. Exact cosine for keyword-only hits is what lets hybrid search
 * apply one threshold unit to all hits. Doc-values and vector iterators only move forward, so
 * candidates are visited in doc id order, leaf by leaf.
 */
final class CandidateSignals {

    private CandidateSignals() {
    }

    static void load(IndexSearcher searcher, List<Candidate> candidates, float[] queryVector,
                     List<String> queryTerms) throws IOException {
        candidates.sort(Comparator.comparingInt(c -> c.doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int i = 0;
        while (i < candidates.size()) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(candidates.get(i).doc, leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            int j = i;
            while (j < candidates.size() && candidates.get(j).doc < end) {
                j++;
            }
            loadLeaf(leaf, candidates.subList(i, j), queryVector, queryTerms);
            i = j;
        }
    }

    private static void loadLeaf(LeafReaderContext leaf, List<Candidate> inLeaf, float[] queryVector,
                                 List<String> queryTerms) throws IOException {
        LeafReader reader = leaf.reader();
        NumericDocValues importance = reader.getNumericDocValues(ChunkSchema.IMPORTANCE);
        SortedSetDocValues tags = reader.getSortedSetDocValues(ChunkSchema.TAG_TERMS);
        Set<Long> queryOrds = tags == null ? Set.of() : ordsOf(tags, queryTerms);
        FloatVectorValues vectors = queryVector == null ? null : reader.getFloatVectorValues(ChunkSchema.VECTOR);
        KnnVectorValues.DocIndexIterator vectorDocs = vectors == null ? null : vectors.iterator();
        for (Candidate c : inLeaf) {
            int doc = c.doc - leaf.docBase;
            if (importance != null && importance.advanceExact(doc)) {
                c.importance = Float.intBitsToFloat((int) importance.longValue());
            }
            if (!queryOrds.isEmpty() && tags.advanceExact(doc)) {
                int matches = 0;
                for (int n = tags.docValueCount(); n > 0; n--) {
                    if (queryOrds.contains(tags.nextOrd())) {
                        matches++;
                    }
                }
                c.tagMatch = (float) matches / queryTerms.size();
            }
            if (vectorDocs != null) {
                if (vectorDocs.docID() < doc) {
                    vectorDocs.advance(doc);
                }
                if (vectorDocs.docID() == doc) {
                    c.cosine = VectorUtil.dotProduct(queryVector, vectors.vectorValue(vectorDocs.index()));
                }
            }
        }
    }

    private static Set<Long> ordsOf(SortedSetDocValues tags, List<String> terms) throws IOException {
        Set<Long> ords = new HashSet<>();
        for (String term : terms) {
            long ord = tags.lookupTerm(new BytesRef(term));
            if (ord >= 0) {
                ords.add(ord);
            }
        }
        return ords;
    }
}
