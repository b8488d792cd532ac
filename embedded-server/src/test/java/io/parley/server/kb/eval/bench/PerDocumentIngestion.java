package io.parley.server.kb.eval.bench;

import io.parley.server.kb.chunk.ChunkDraft;
import io.parley.server.kb.chunk.Chunker;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.eval.BeirDocument;
import io.parley.server.kb.index.IndexedChunk;
import io.parley.server.kb.index.KnowledgeIndex;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's ingestion path ({@code KbIngestion.ingest}) without its database: per document,
 * parse the bytes as a {@code .txt} upload, chunk with the model's token counter, embed the
 * searchable chunks in batches of 32, then delete the document's old entries, add the new ones and
 * commit. Times each stage. Database writes (one transaction of chunk rows per document) and the
 * job's progress updates are left out: they are the database's cost, not the pipeline's.
 */
final class PerDocumentIngestion {

    static final int EMBED_BATCH = 32; // KbIngestion.EMBED_BATCH

    /** Nanoseconds per stage, and chunks produced. */
    static final class Stages {
        long parse;
        long chunk;
        long embed;
        long index;
        int chunks;

        long total() {
            return parse + chunk + embed + index;
        }

        void add(Stages other) {
            parse += other.parse;
            chunk += other.chunk;
            embed += other.embed;
            index += other.index;
            chunks += other.chunks;
        }
    }

    private final DocumentParser parser = new DocumentParser();
    private final Embedder embedder;
    private final ChunkingSettings chunking;

    PerDocumentIngestion(Embedder embedder, ChunkingSettings chunking) {
        this.embedder = embedder;
        this.chunking = chunking;
    }

    Stages run(List<BeirDocument> documents, KnowledgeIndex index) {
        Stages stages = new Stages();
        for (BeirDocument doc : documents) {
            if (doc.indexText().isBlank()) {
                continue; // the server rejects an empty upload before it becomes a document
            }
            long t0 = System.nanoTime();
            ParsedDocument parsed = parser.parse(doc.id() + ".txt", doc.indexText().getBytes(StandardCharsets.UTF_8));
            long t1 = System.nanoTime();
            List<ChunkDraft> drafts = Chunker.chunk(parsed, chunking, embedder).stream()
                    .filter(ChunkDraft::searchable).toList();
            long t2 = System.nanoTime();
            List<IndexedChunk> chunks = new ArrayList<>(drafts.size());
            for (int from = 0; from < drafts.size(); from += EMBED_BATCH) {
                List<ChunkDraft> batch = drafts.subList(from, Math.min(drafts.size(), from + EMBED_BATCH));
                List<float[]> vectors = embedder.embedPassages(batch.stream().map(ChunkDraft::text).toList());
                for (int i = 0; i < batch.size(); i++) {
                    ChunkDraft d = batch.get(i);
                    chunks.add(new IndexedChunk(doc.id() + "#" + d.position(), doc.id(), doc.id(), d.position(),
                            d.text(), vectors.get(i), d.page(), d.headingPath(), 1f, List.of()));
                }
            }
            long t3 = System.nanoTime();
            index.deleteDocument(doc.id());
            index.addAll(chunks);
            index.commit();
            long t4 = System.nanoTime();
            stages.parse += t1 - t0;
            stages.chunk += t2 - t1;
            stages.embed += t3 - t2;
            stages.index += t4 - t3;
            stages.chunks += chunks.size();
        }
        return stages;
    }

    /** The searchable chunk texts of the documents, exactly as {@link #run} embeds them. */
    List<String> chunkTexts(List<BeirDocument> documents) {
        List<String> texts = new ArrayList<>();
        for (BeirDocument doc : documents) {
            if (!doc.indexText().isBlank()) {
                ParsedDocument parsed = parser.parse(doc.id() + ".txt",
                        doc.indexText().getBytes(StandardCharsets.UTF_8));
                Chunker.chunk(parsed, chunking, embedder).stream().filter(ChunkDraft::searchable)
                        .forEach(d -> texts.add(d.text()));
            }
        }
        return texts;
    }
}
