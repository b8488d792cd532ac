package io.parley.server.kb.index;

/** A chunk found by one or both retrievers, with the signals ranking needs. Mutable, one query only. */
final class Candidate {

    final int doc;
    int keywordRank;                    // 1-based; 0 = not in the keyword list
    float keywordScore = Float.NaN;     // raw BM25
    int vectorRank;                     // 1-based; 0 = not in the vector list
    float cosine = Float.NaN;           // exact, whenever the query has a vector
    float importance = 1f;
    float tagMatch;                     // share of query terms found in the chunk's tags, 0..1
    float score;

    Candidate(int doc) {
        this.doc = doc;
    }

    boolean matchedKeywords() {
        return keywordRank > 0;
    }

    boolean hasCosine() {
        return !Float.isNaN(cosine);
    }
}
