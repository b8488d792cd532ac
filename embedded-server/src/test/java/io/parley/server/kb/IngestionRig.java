package io.parley.server.kb;

import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.job.Job;
import io.parley.server.job.JobQueue;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.index.KnowledgeIndex;
import io.parley.server.kb.index.SearchHit;
import io.parley.server.kb.index.SearchQuery;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.TenancyStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One knowledge base on a real embedded H2 database in a folder, ingested by the server's own job
 * ({@link KbIngestion}, run by a {@link JobQueue} on the calling thread): the path a user's upload
 * takes, without HTTP. Documents are added as pending, the way the API adds them; {@link #ingest()}
 * queues the job and runs it to the end.
 *
 * <pre>{@code
 * try (IngestionRig rig = IngestionRig.open(dir, embedder, ChunkingSettings.defaults())) {
 *     rig.addText("Notes", "Lift rises with the angle of attack.");
 *     rig.ingest();
 * }
 * }</pre>
 */
public final class IngestionRig implements AutoCloseable {

    private static final long MAX_DOCUMENT_BYTES = 50L * 1024 * 1024;

    private final Database db;
    private final KbStore store;
    private final ChunkStore chunks;
    private final KbFiles files;
    private final IndexRegistry indexes;
    private final JobQueue jobs;
    private final KnowledgeBase kb;
    private final KnowledgeBaseService service;
    private final Principal caller;
    private final Clock clock = Clock.system();

    private IngestionRig(Path dataDir, Database db, Embedder embedder, ChunkingSettings chunking) {
        this.db = db;
        this.store = new KbStore(db);
        this.chunks = new ChunkStore(db);
        this.files = new KbFiles(dataDir);
        this.indexes = new IndexRegistry(dataDir.resolve("indexes"));
        TenancyStore tenancy = new TenancyStore(db);
        AccessPolicy policy = new AccessPolicy(tenancy);
        this.jobs = new JobQueue(db, policy, clock);
        Instant now = clock.now();
        String orgId = Ids.newId();
        String workspaceId = Ids.newId();
        this.kb = new KnowledgeBase(Ids.newId(), workspaceId, "Rig", "", embedder.model().id(),
                KbSettings.normalized(chunking), Json.mapper().createObjectNode(), null, now, now);
        db.runInTransaction(tx -> {
            tenancy.insertOrganization(tx, orgId, "Rig", null, now);
            tenancy.insertWorkspace(tx, workspaceId, orgId, "Rig", true, null, now);
            store.insert(tx, kb);
        });
        this.service = new KnowledgeBaseService(db, store, chunks, files, jobs, indexes, policy, clock);
        // An API key is checked against its workspace alone, so this one needs no row of its own.
        this.caller = Principal.apiKey(Ids.newId(), workspaceId, Role.EDITOR);
        // The embedder is the caller's: the registry hands it out and is never closed here.
        EmbedderRegistry embedders = new EmbedderRegistry(model -> embedder, Runnable::run);
        DocumentParser parser = new DocumentParser();
        jobs.register(KbFinalizer.INGEST_JOB, new KbIngestion(db, store, chunks, files, embedders, indexes,
                () -> parser, new KbCrawls(db, store, files, clock), MAX_DOCUMENT_BYTES, clock));
    }

    /** A fresh database, index and file store in {@code dataDir}, holding one empty knowledge base. */
    public static IngestionRig open(Path dataDir, Embedder embedder, ChunkingSettings chunking) {
        Database db = Database.open(DatabaseSettings.h2In(dataDir));
        try {
            return new IngestionRig(dataDir, db, embedder, chunking);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Adds pasted text as a pending document; answers its id. */
    public String addText(String title, String text) {
        return add(KbDocument.SourceType.TEXT, title, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds an uploaded file as a pending document; answers its id. */
    public String addFile(String name, byte[] content) {
        return add(KbDocument.SourceType.FILE, name, null, content);
    }

    private String add(KbDocument.SourceType type, String name, String mediaType, byte[] content) {
        String id = Ids.newId();
        try {
            Path target = files.document(kb.id(), id);
            Files.createDirectories(target.getParent());
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = clock.now();
        KbDocument doc = new KbDocument(id, kb.id(), kb.workspaceId(), type, name, null, mediaType, content.length,
                null, KbDocument.Status.PENDING, null, null, 0, Annotations.clean(null), now, now);
        db.runInTransaction(tx -> store.insert(tx, doc));
        return id;
    }

    /** Queues an ingestion job, as adding a document through the API does, and runs it to the end. */
    public Job ingest() {
        String jobId = db.inTransaction(tx -> jobs.enqueue(tx, kb.workspaceId(), KbFinalizer.INGEST_JOB, kb.id(),
                IngestionProgress.initial(store.unfinishedDocuments(kb.id()).size()), 5));
        jobs.runUntilIdle();
        return jobs.forSubject(kb.id()).stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow();
    }

    public KbDocument document(String id) {
        return store.document(id).orElseThrow();
    }

    public List<KbDocument> documents() {
        return store.documents(kb.id());
    }

    public List<StoredChunk> chunks(String documentId) {
        return chunks.forDocument(documentId);
    }

    public long chunkCount() {
        return chunks.count(kb.id());
    }

    public int indexedChunks() {
        return indexes.withIndex(kb.id(), dimensions(), KnowledgeIndex::count);
    }

    public int indexedChunks(String documentId) {
        return indexes.withIndex(kb.id(), dimensions(), index -> index.documentChunkCount(documentId));
    }

    public List<SearchHit> search(SearchQuery query) {
        return indexes.search(kb.id(), dimensions(), query);
    }

    /** The service behind the knowledge-base routes, for annotating, re-indexing or removing a document. */
    public KnowledgeBaseService service() {
        return service;
    }

    /** An editor of the knowledge base's workspace, to call {@link #service()} with. */
    public Principal caller() {
        return caller;
    }

    public String kbId() {
        return kb.id();
    }

    private int dimensions() {
        return EmbeddingModel.byId(kb.embeddingModel()).orElseThrow().dimensions();
    }

    @Override
    public void close() {
        jobs.close();
        indexes.close();
        db.close();
    }
}
