package io.parley.server.kb;

import io.parley.server.common.Clock;
import io.parley.server.common.ParleyException;
import io.parley.server.job.Job;
import io.parley.server.job.JobContext;
import io.parley.server.job.JobHandler;
import io.parley.server.job.RetryableJobException;
import io.parley.server.kb.chunk.Chunker;
import io.parley.server.kb.chunk.TokenCounter;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.parse.DocumentParseException;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.storage.Database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ingestion job of a knowledge base: crawl pending web addresses, then parse and chunk each
 * unfinished document, gathering documents into a {@link DocumentGroup} that is embedded, stored
 * and indexed together ({@link DocumentGroupWriter}). A document is marked ready only once the
 * index commit that covers it is done, so a process killed at any point resumes with no
 * duplicated and no missing chunks. A document that cannot be read gets an error state on its
 * own; the others go on.
 */
public final class KbIngestion implements JobHandler {

    private static final Logger LOG = Logger.getLogger(KbIngestion.class.getName());

    /** What one run of the job works with. */
    private record Run(KnowledgeBase kb, Embedder embedder, TokenCounter counter, IngestionProgress progress,
                       JobContext context) {
    }

    private final KbStore store;
    private final KbFiles files;
    private final EmbedderRegistry embedders;
    private final Supplier<DocumentParser> parser; // Tika starts slowly: made on first use
    private final KbCrawls crawls;
    private final DocumentGroupWriter writer;
    private final long maxDocumentBytes;
    private final Clock clock;

    public KbIngestion(Database db, KbStore store, ChunkStore chunks, KbFiles files, EmbedderRegistry embedders,
                       IndexRegistry indexes, Supplier<DocumentParser> parser, KbCrawls crawls, long maxDocumentBytes, Clock clock) {
        this.store = store;
        this.files = files;
        this.embedders = embedders;
        this.parser = parser;
        this.crawls = crawls;
        this.writer = new DocumentGroupWriter(db, store, chunks, indexes, clock);
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
        Run run = new Run(kb, embedder, new WordCountCache(embedder), new IngestionProgress(context, store, kb.id()),
                context);
        List<KbDocument> unfinished;
        while (!context.cancelled() && !(unfinished = store.unfinishedDocuments(kb.id())).isEmpty()) {
            ingest(run, unfinished);
        }
        run.progress().finished();
    }

    /**
     * One pass over the documents that were unfinished when it began; documents added meanwhile
     * (crawled pages, uploads, re-indexed ones) are left to the next pass.
     */
    private void ingest(Run run, List<KbDocument> unfinished) {
        DocumentGroup group = new DocumentGroup();
        for (KbDocument listed : unfinished) {
            if (run.context().cancelled()) {
                return; // the group is dropped: its documents stay unfinished and are done again on resume
            }
            // Read again: the pass may be minutes old, and annotations or the status may have changed.
            Optional<KbDocument> current = store.document(listed.id()).filter(KbIngestion::unfinished);
            if (current.isEmpty()) {
                continue; // removed, or finished by another job
            }
            KbDocument doc = current.get();
            if (crawls.isPendingCrawl(doc)) {
                // A crawl takes a while: what is gathered so far becomes searchable first.
                write(run, group);
                run.progress().reading(doc);
                crawls.expand(run.kb(), doc, run.context()::cancelled);
                continue;
            }
            prepare(run, doc).ifPresent(group::add);
            if (group.full()) {
                write(run, group);
            }
        }
        write(run, group);
    }

    private void write(Run run, DocumentGroup group) {
        writer.write(run.kb(), run.embedder(), group, run.progress());
    }

    /** Parses and chunks the document; empty when it cannot be read (it is then marked so). */
    private Optional<DocumentGroup.Member> prepare(Run run, KbDocument doc) {
        store.markDocument(doc.id(), KbDocument.Status.PROCESSING, null, null, doc.chunkCount(), clock.now());
        run.progress().reading(doc);
        try {
            ParsedDocument parsed = parse(run.kb(), doc);
            return Optional.of(DocumentGroup.Member.of(doc,
                    Chunker.chunk(parsed, KbSettings.toSettings(run.kb().chunking()), run.counter())));
        } catch (DocumentParseException e) {
            fail(doc, e.code(), e.getMessage());
        } catch (ParleyException e) {
            fail(doc, e.code(), e.getMessage());
        } catch (NoSuchFileException e) {
            fail(doc, "missing_file", "The stored copy of this document is gone; remove it and add it again");
        } catch (IOException e) {
            throw new RetryableJobException("reading " + doc.name() + " failed: " + e.getMessage(), e);
        }
        return Optional.empty();
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

    private void fail(KbDocument doc, String code, String message) {
        store.markDocument(doc.id(), KbDocument.Status.ERROR, code, message, 0, clock.now());
    }

    private static boolean unfinished(KbDocument doc) {
        return doc.status() == KbDocument.Status.PENDING || doc.status() == KbDocument.Status.PROCESSING;
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
}
