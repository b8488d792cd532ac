package io.parley.server.kb.eval;

import io.parley.server.kb.chunk.ChunkDraft;
import io.parley.server.kb.chunk.Chunker;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.index.IndexedChunk;
import io.parley.server.kb.index.KnowledgeIndex;
import io.parley.server.kb.parse.DocumentParseException;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes a BEIR corpus with the server's own parts: each corpus document is one plain-text
 * document, parsed by {@link DocumentParser}, cut by {@link Chunker}, embedded by the
 * {@link Embedder} and added to a {@link KnowledgeIndex}. Like the server, chunks are gathered
 * across documents and embedded {@value #EMBED_WINDOW} at a time; unlike it, there is no database
 * and the index is committed once, at the end: an evaluation needs the same index, not the same
 * durability.
 */
public final class CorpusIndexer {

    /**
     * Chunks per embedding call. The embedder sorts a call's texts by length before it cuts them
     * into model runs, and a run pads every text to its longest; a wide window means runs of
     * similar lengths (with bge-small on Cranfield, runs of 32 texts in corpus order were a third
     * slower than length-sorted ones).
     */
    static final int EMBED_WINDOW = 256;

    /** Told how far indexing has got. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void indexed(int documentsDone, int documentsTotal);
    }

    private record Pending(String documentId, ChunkDraft draft) {
    }

    private final DocumentParser parser = new DocumentParser();
    private final Embedder embedder;
    private final ChunkingSettings chunking;

    public CorpusIndexer(Embedder embedder, ChunkingSettings chunking) {
        this.embedder = embedder;
        this.chunking = chunking;
    }

    public IndexedCorpus index(List<BeirDocument> documents, KnowledgeIndex index, Progress progress) {
        long started = System.nanoTime();
        List<Pending> pending = new ArrayList<>();
        int indexed = 0;
        int skipped = 0;
        int chunks = 0;
        for (int i = 0; i < documents.size(); i++) {
            BeirDocument doc = documents.get(i);
            List<ChunkDraft> drafts = chunk(doc);
            if (drafts.isEmpty()) {
                skipped++;
            } else {
                indexed++;
                drafts.forEach(d -> pending.add(new Pending(doc.id(), d)));
            }
            boolean last = i == documents.size() - 1;
            if (pending.size() >= EMBED_WINDOW || last) {
                chunks += flush(pending, index);
                progress.indexed(i + 1, documents.size());
            }
        }
        index.commit();
        return new IndexedCorpus(indexed, skipped, chunks, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The searchable chunks of one document; none when it has no text or cannot be read. */
    private List<ChunkDraft> chunk(BeirDocument doc) {
        String text = doc.indexText();
        if (text.isBlank()) {
            return List.of();
        }
        try {
            ParsedDocument parsed = parser.parse(doc.id() + ".txt", text.getBytes(StandardCharsets.UTF_8));
            return Chunker.chunk(parsed, chunking, embedder).stream().filter(ChunkDraft::searchable).toList();
        } catch (DocumentParseException e) {
            return List.of();
        }
    }

    /** Embeds and adds the pending chunks; returns how many. */
    private int flush(List<Pending> pending, KnowledgeIndex index) {
        List<float[]> vectors = embedder.embedPassages(pending.stream().map(p -> p.draft().text()).toList());
        List<IndexedChunk> chunks = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            chunks.add(toIndexed(pending.get(i), vectors.get(i)));
        }
        index.addAll(chunks);
        pending.clear();
        return chunks.size();
    }

    /**
     * The document name is its id, not its title: the keyword query also searches the name, and
     * the title is already in the text, so naming it after the title would count the title twice.
     */
    private static IndexedChunk toIndexed(Pending p, float[] vector) {
        ChunkDraft d = p.draft();
        return new IndexedChunk(p.documentId() + "#" + d.position(), p.documentId(), p.documentId(), d.position(),
                d.text(), vector, d.page(), d.headingPath(), 1f, List.of());
    }
}
