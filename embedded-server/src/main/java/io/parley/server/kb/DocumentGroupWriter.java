package io.parley.server.kb;

import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.kb.chunk.ChunkDraft;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.index.IndexedChunk;
import io.parley.server.storage.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finishes a {@link DocumentGroup}: embeds all its chunks together, writes them in one database
 * transaction (each document's old chunks deleted first), replaces the documents' index entries
 * and commits the index once, and only then marks the documents ready. A crash anywhere before
 * that last step leaves them unfinished, and the next run does them again from the start, so
 * nothing is duplicated or missing.
 */
final class DocumentGroupWriter {

    /**
     * The most chunks per embedding call. Progress is reported after each call, which renews the
     * job's lease, so a document of thousands of chunks does not run silently for minutes.
     */
    static final int MAX_EMBED_CALL = 512;

    private record Built(KbDocument document, List<StoredChunk> chunks) {
    }

    private final Database db;
    private final KbStore store;
    private final ChunkStore chunks;
    private final IndexRegistry indexes;
    private final Clock clock;

    DocumentGroupWriter(Database db, KbStore store, ChunkStore chunks, IndexRegistry indexes, Clock clock) {
        this.db = db;
        this.store = store;
        this.chunks = chunks;
        this.indexes = indexes;
        this.clock = clock;
    }

    /** Writes the group and empties it; does nothing for an empty group. */
    void write(KnowledgeBase kb, Embedder embedder, DocumentGroup group, IngestionProgress progress) {
        if (group.isEmpty()) {
            return;
        }
        List<DocumentGroup.Member> members = group.members();
        List<float[]> vectors = embed(embedder, members, group.chunkCount(), progress);
        List<Built> built = build(kb, embedder, members, vectors);
        Instant now = clock.now();
        List<Built> written = db.inTransaction(tx -> {
            // A document removed while the group was embedded would fail the whole transaction
            // on its chunks' foreign key; it is left out instead.
            Set<String> present = store.existingDocuments(tx, members.stream().map(m -> m.document().id()).toList());
            List<Built> kept = built.stream().filter(b -> present.contains(b.document().id())).toList();
            for (Built b : kept) {
                chunks.deleteForDocument(tx, b.document().id());
                b.chunks().forEach(c -> chunks.insert(tx, c, now));
            }
            return kept;
        });
        if (!written.isEmpty()) {
            index(kb, embedder, written);
            db.runInTransaction(tx -> written.forEach(b ->
                    store.markReady(tx, b.document().id(), searchable(b.chunks()), clock.now())));
        }
        group.clear();
        progress.documentsSettled();
    }

    /** The vectors of all the group's chunks in member order, in as few calls of similar size as allowed. */
    private static List<float[]> embed(Embedder embedder, List<DocumentGroup.Member> members, int total,
                                       IngestionProgress progress) {
        List<String> texts = new ArrayList<>(total);
        members.forEach(m -> m.searchable().forEach(d -> texts.add(d.text())));
        int calls = Math.max(1, (texts.size() + MAX_EMBED_CALL - 1) / MAX_EMBED_CALL);
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int k = 0; k < calls; k++) {
            List<String> call = texts.subList(k * texts.size() / calls, (k + 1) * texts.size() / calls);
            vectors.addAll(embedder.embedPassages(call));
            progress.embedded(call.size());
        }
        return vectors;
    }

    private static List<Built> build(KnowledgeBase kb, Embedder embedder, List<DocumentGroup.Member> members,
                                     List<float[]> vectors) {
        List<Built> built = new ArrayList<>(members.size());
        int next = 0;
        for (DocumentGroup.Member m : members) {
            KbDocument doc = m.document();
            List<StoredChunk> out = new ArrayList<>(m.searchable().size());
            for (ChunkDraft d : m.searchable()) {
                String context = d.parentPosition() == null ? null : m.parentText().get(d.parentPosition());
                out.add(new StoredChunk(Ids.newId(), kb.id(), doc.id(), d.position(), d.text(), context, d.page(),
                        d.headingPath(), d.startOffset(), d.endOffset(), d.tokenCount(), vectors.get(next++),
                        embedder.model().id()));
            }
            built.add(new Built(doc, out));
        }
        return built;
    }

    /** Replaces the documents' entries; one commit (an fsync) for the whole group. */
    private void index(KnowledgeBase kb, Embedder embedder, List<Built> written) {
        List<IndexedChunk> entries = new ArrayList<>();
        written.forEach(b -> entries.addAll(KbIndexing.toIndexed(b.chunks(), b.document())));
        indexes.useIndex(kb.id(), embedder.model().dimensions(), index -> {
            written.forEach(b -> index.deleteDocument(b.document().id()));
            index.addAll(entries);
            index.commit();
        });
    }

    private static int searchable(List<StoredChunk> stored) {
        return (int) stored.stream().filter(c -> c.embedding().length > 0).count();
    }
}
