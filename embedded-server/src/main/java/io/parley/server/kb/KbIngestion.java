package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.job.Job;
import io.parley.server.job.JobContext;
import io.parley.server.job.JobHandler;
import io.parley.server.job.RetryableJobException;
import io.parley.server.kb.chunk.ChunkDraft;
import io.parley.server.kb.chunk.Chunker;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.index.IndexedChunk;
import io.parley.server.kb.parse.DocumentParseException;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.storage.Database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ingestion job of a knowledge base: crawl pending web addresses, then parse → chunk →
 * embed → store → index each unfinished document. Each document is written in one transaction
 * (its old chunks deleted first) and then indexed with its old entries replaced, so a process
 * killed at any point resumes with no duplicated and no missing chunks. A document that cannot
 * be read gets an error state and the others go on.
 */
public final class KbIngestion implements JobHandler {

    static final int EMBED_BATCH = 32;
    private static final Logger LOG = Logger.getLogger(KbIngestion.class.getName());

    private final Database db;
    private final KbStore store;
    private final ChunkStore chunks;
    private final KbFiles files;
    private final EmbedderRegistry embedders;
    private final IndexRegistry indexes;
    private final Supplier<DocumentParser> parser; // Tika starts slowly: made on first use
    private final KbCrawls crawls;
    private final long maxDocumentBytes;
    private final Clock clock;

    public KbIngestion(Database db, KbStore store, ChunkStore chunks, KbFiles files, EmbedderRegistry embedders,
                       IndexRegistry indexes, Supplier<DocumentParser> parser, KbCrawls crawls, long maxDocumentBytes, Clock clock) {
        this.db = db;
        this.store = store;
        this.chunks = chunks;
        this.files = files;
        this.embedders = embedders;
        this.indexes = indexes;
        this.parser = parser;
        this.crawls = crawls;
        this.maxDocumentBytes = maxDocumentBytes;
        this.clock = clock;
    }

    @Override
    public void run(Job job, JobContext context) {
        Optional<KnowledgeBase> found = store.find(job.subjectId());
        if (found.isEmpty()) {
            return; // deleted meanwhile: nothing to do
        }
        KnowledgeBase kb = found.get();
        EmbeddingModel model = EmbeddingModel.byId(kb.embeddingModel()).orElse(EmbeddingModel.DEFAULT);
        Embedder embedder = load(model);
        Progress progress = new Progress(context);
        while (!context.cancelled()) {
            List<KbDocument> unfinished = store.unfinishedDocuments(kb.id());
            if (unfinished.isEmpty()) {
                break;
            }
            KbDocument doc = unfinished.get(0);
            progress.started(kb.id(), doc);
            if (crawls.isPendingCrawl(doc)) {
                crawls.expand(kb, doc, context::cancelled);
                continue;
            }
            ingest(kb, doc, embedder, progress);
        }
        progress.finished(kb.id());
    }

    private void ingest(KnowledgeBase kb, KbDocument doc, Embedder embedder, Progress progress) {
        store.markDocument(doc.id(), KbDocument.Status.PROCESSING, null, null, doc.chunkCount(), clock.now());
        try {
            ParsedDocument parsed = parse(kb, doc);
            List<ChunkDraft> drafts = Chunker.chunk(parsed, KbSettings.toSettings(kb.chunking()), embedder);
            List<StoredChunk> stored = embedAndBuild(kb, doc, drafts, embedder, progress);
            db.runInTransaction(tx -> {
                chunks.deleteForDocument(tx, doc.id());
                stored.forEach(c -> chunks.insert(tx, c, clock.now()));
            });
            List<IndexedChunk> indexed = KbIndexing.toIndexed(stored, doc);
            indexes.useIndex(kb.id(), embedder.model().dimensions(), index -> {
                index.deleteDocument(doc.id());
                index.addAll(indexed);
                index.commit();
            });
            int searchable = (int) stored.stream().filter(c -> c.embedding().length > 0).count();
            store.markDocument(doc.id(), KbDocument.Status.READY, null, null, searchable, clock.now());
            progress.documentDone(false);
        } catch (DocumentParseException e) {
            fail(doc, e.code(), e.getMessage(), progress);
        } catch (io.parley.server.common.ParleyException e) {
            fail(doc, e.code(), e.getMessage(), progress);
        } catch (NoSuchFileException e) {
            fail(doc, "missing_file", "The stored copy of this document is gone; remove it and add it again", progress);
        } catch (IOException e) {
            throw new RetryableJobException("reading " + doc.name() + " failed: " + e.getMessage(), e);
        }
    }

    private ParsedDocument parse(KnowledgeBase kb, KbDocument doc) throws IOException {
        try (InputStream in = Files.newInputStream(files.document(kb.id(), doc.id()))) {
            String fileName = doc.sourceType() == KbDocument.SourceType.TEXT ? doc.name() + ".txt"
                    : doc.sourceType() == KbDocument.SourceType.URL
                    ? (doc.mediaType() != null && doc.mediaType().startsWith("text/plain") ? "page.txt" : "page.html")
                    : doc.name();
            return parser.get().parse(fileName, in, maxDocumentBytes);
        }
    }

    private List<StoredChunk> embedAndBuild(KnowledgeBase kb, KbDocument doc, List<ChunkDraft> drafts,
                                            Embedder embedder, Progress progress) {
        Map<Integer, String> parentText = new HashMap<>();
        List<ChunkDraft> searchable = new ArrayList<>();
        for (ChunkDraft d : drafts) {
            if (d.role() == ChunkDraft.Role.PARENT) {
                parentText.put(d.position(), d.text());
            } else {
                searchable.add(d);
            }
        }
        Map<Integer, float[]> vectors = new HashMap<>();
        for (int from = 0; from < searchable.size(); from += EMBED_BATCH) {
            List<ChunkDraft> batch = searchable.subList(from, Math.min(searchable.size(), from + EMBED_BATCH));
            List<float[]> embedded = embedder.embedPassages(batch.stream().map(ChunkDraft::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i).position(), embedded.get(i));
            }
            progress.embedded(kb.id(), batch.size());
        }
        List<StoredChunk> out = new ArrayList<>();
        for (ChunkDraft d : searchable) {
            String context = d.parentPosition() == null ? null : parentText.get(d.parentPosition());
            out.add(new StoredChunk(Ids.newId(), kb.id(), doc.id(), d.position(), d.text(), context, d.page(),
                    d.headingPath(), d.startOffset(), d.endOffset(), d.tokenCount(), vectors.get(d.position()),
                    embedder.model().id()));
        }
        return out;
    }

    private void fail(KbDocument doc, String code, String message, Progress progress) {
        store.markDocument(doc.id(), KbDocument.Status.ERROR, code, message, 0, clock.now());
        progress.documentDone(true);
    }

    private Embedder load(EmbeddingModel model) {
        try {
            return embedders.get(model).join();
        } catch (CompletionException e) {
            LOG.log(Level.SEVERE, "embedding model " + model.id() + " could not be loaded", e.getCause());
            throw new IllegalStateException("The embedding model " + model.id() + " could not be loaded: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Counts shown by {@code GET jobs/{id}}; each update also renews the job's lease. */
    private final class Progress {
        private final JobContext context;
        private final ObjectNode state;

        Progress(JobContext context) {
            this.context = context;
            this.state = context.lastProgress().deepCopy();
        }

        void started(String kbId, KbDocument doc) {
            state.put("current_document", doc.name());
            refreshTotals(kbId);
            context.progress(state);
        }

        void embedded(String kbId, int count) {
            state.put("chunks_embedded", state.path("chunks_embedded").asInt() + count);
            context.progress(state);
        }

        void documentDone(boolean failed) {
            if (failed) {
                state.put("documents_failed", state.path("documents_failed").asInt() + 1);
            }
        }

        void finished(String kbId) {
            state.putNull("current_document");
            refreshTotals(kbId);
            context.progress(state);
        }

        private void refreshTotals(String kbId) {
            Map<KbDocument.Status, Integer> counts = store.statusCounts(kbId);
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            state.put("documents_total", total);
            state.put("documents_done", counts.getOrDefault(KbDocument.Status.READY, 0)
                    + counts.getOrDefault(KbDocument.Status.ERROR, 0));
            state.put("documents_failed", counts.getOrDefault(KbDocument.Status.ERROR, 0));
        }
    }
}
