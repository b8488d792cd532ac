package io.parley.server.kb.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

import java.util.List;
import java.util.Set;

/**
 * The fields of a chunk document. Only what a hit shows is stored; ranking signals live in doc
 * values so scoring a hundred candidates never decompresses stored fields.
 */
final class ChunkSchema {

    static final String CHUNK_ID = "chunk_id";
    static final String DOCUMENT_ID = "document_id";
    static final String DOCUMENT_NAME = "document_name";
    static final String POSITION = "position";
    static final String TEXT = "text";
    static final String PAGE = "page";
    static final String HEADING = "heading";   // stored, one value per level
    static final String HEADINGS = "headings"; // searchable, the path joined
    static final String TAGS = "tags";
    static final String TAG_TERMS = "tag_terms";
    static final String IMPORTANCE = "importance";
    static final String VECTOR = "vector";

    /**
     * DOT_PRODUCT on unit vectors is cosine similarity without the two norm computations COSINE
     * makes on every comparison; Lucene documents it as the optimised way to do cosine. The index
     * guarantees unit length itself ({@link Vectors#unit}).
     */
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    static final Set<String> STORED = Set.of(CHUNK_ID, DOCUMENT_ID, DOCUMENT_NAME, POSITION, TEXT, PAGE, HEADING);

    private ChunkSchema() {
    }

    static Document toDocument(IndexedChunk chunk, float[] unitVector, TextAnalysis analysis) {
        Document doc = new Document();
        doc.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
        doc.add(new TextField(DOCUMENT_NAME, chunk.documentName(), Field.Store.YES));
        doc.add(new StoredField(POSITION, chunk.position()));
        doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        if (chunk.page() != null) {
            doc.add(new StoredField(PAGE, chunk.page()));
        }
        for (String heading : chunk.headingPath()) {
            doc.add(new StoredField(HEADING, heading));
        }
        doc.add(new TextField(HEADINGS, String.join(" / ", chunk.headingPath()), Field.Store.NO));
        doc.add(new TextField(TAGS, String.join(" , ", chunk.tags()), Field.Store.NO));
        for (String term : analysis.termsOf(chunk.tags())) {
            doc.add(new SortedSetDocValuesField(TAG_TERMS, new BytesRef(term)));
        }
        doc.add(new FloatDocValuesField(IMPORTANCE, chunk.importance()));
        doc.add(new KnnFloatVectorField(VECTOR, unitVector, SIMILARITY));
        return doc;
    }

    static SearchHit toHit(Document doc, float score, Float keywordScore, Float vectorScore, String snippet) {
        var page = doc.getField(PAGE);
        return new SearchHit(doc.get(CHUNK_ID), doc.get(DOCUMENT_ID), doc.get(DOCUMENT_NAME),
                doc.getField(POSITION).numericValue().intValue(), doc.get(TEXT),
                page == null ? null : page.numericValue().intValue(), List.of(doc.getValues(HEADING)),
                score, keywordScore, vectorScore, snippet);
    }
}
