package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.draft.JsonMerge;
import io.parley.server.job.JobQueue;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.util.List;
import java.util.Optional;

/**
 * Finalized knowledge bases: listing, settings, documents (annotate, remove, re-index) and the
 * index rebuild. Search lives in {@link KbSearch}; ingestion in {@link KbIngestion}.
 */
public final class KnowledgeBaseService {

    private final Database db;
    private final KbStore store;
    private final ChunkStore chunks;
    private final KbFiles files;
    private final JobQueue jobs;
    private final IndexRegistry indexes;
    private final AccessPolicy policy;
    private final Clock clock;

    public KnowledgeBaseService(Database db, KbStore store, ChunkStore chunks, KbFiles files, JobQueue jobs,
                                IndexRegistry indexes, AccessPolicy policy, Clock clock) {
        this.db = db;
        this.store = store;
        this.chunks = chunks;
        this.files = files;
        this.jobs = jobs;
        this.indexes = indexes;
        this.policy = policy;
        this.clock = clock;
    }

    public List<KnowledgeBaseView> list(Principal caller, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.VIEWER);
        return store.inWorkspace(access.workspaceId()).stream().map(this::view).toList();
    }

    public KnowledgeBaseView get(Principal caller, String kbId) {
        return view(require(caller, kbId, Role.VIEWER));
    }

    /** The knowledge base if the caller may act on it with {@code role}; 404 for other tenants'. */
    public KnowledgeBase require(Principal caller, String kbId, Role role) {
        KnowledgeBase kb = Optional.ofNullable(kbId).filter(Ids::looksLikeId).flatMap(store::find)
                .orElseThrow(() -> ParleyException.notFound("Knowledge base"));
        policy.resource(caller, kb.workspaceId(), role, "Knowledge base");
        return kb;
    }

    /**
     * Renames, re-describes, or changes retrieval defaults; a new embedding model or chunking re-embeds
     * every document. Every setting is checked before anything is written.
     */
    public KnowledgeBaseView update(Principal caller, String kbId, KbRequests.UpdateRequest changes) {
        KnowledgeBase kb = require(caller, kbId, Role.EDITOR);
        String name = changes.name() != null ? Text.required("name", changes.name(), 200) : kb.name();
        String description = changes.description() != null ? changes.description().strip() : kb.description();
        if (description.length() > 2000) {
            throw ParleyException.invalidField("description", "'description' must be at most 2000 characters");
        }
        ObjectNode retrieval = changes.retrievalConfig() == null ? kb.retrieval() : RetrievalSettings.read(
                JsonMerge.merge(kb.retrieval().deepCopy(), changes.retrievalConfig())).toJson();
        EmbeddingModel current = EmbeddingModel.byId(kb.embeddingModel()).orElse(EmbeddingModel.DEFAULT);
        String model = changes.embeddingConfig() == null ? kb.embeddingModel()
                : KbSettings.model(changes.embeddingConfig(), current).id();
        ObjectNode chunking = changes.chunkingConfig() == null ? kb.chunking()
                : KbSettings.normalized(KbSettings.toSettings(JsonMerge.merge(kb.chunking().deepCopy(),
                        changes.chunkingConfig())));
        boolean reembed = !model.equals(kb.embeddingModel()) || !chunking.equals(kb.chunking());
        store.updateSettings(kbId, name, description, model, chunking, retrieval, clock.now());
        if (reembed) {
            reprocessAll(kb);
        }
        return view(store.find(kbId).orElseThrow());
    }

    /** Deletes the knowledge base, its documents, chunks, index and stored files. */
    public void delete(Principal caller, String kbId) {
        KnowledgeBase kb = require(caller, kbId, Role.EDITOR);
        store.delete(kb.id());
        indexes.delete(kb.id());
        files.deleteKnowledgeBase(kb.id());
    }

    public List<KbDocumentView> documents(Principal caller, String kbId) {
        KnowledgeBase kb = require(caller, kbId, Role.VIEWER);
        return store.documents(kb.id()).stream().map(KbDocumentView::of).toList();
    }

    /** Replaces a document's annotations with {@code cleaned} ones (see {@link Annotations#clean}). */
    public KbDocumentView annotate(Principal caller, String kbId, String documentId, ObjectNode cleaned) {
        KbDocument doc = document(caller, kbId, documentId, Role.EDITOR);
        if (doc.annotations().has("crawl")) {
            cleaned.set("crawl", doc.annotations().get("crawl"));
        }
        store.updateAnnotations(doc.id(), cleaned, clock.now());
        // Boosts live in the index, so the chunks are indexed again with the new values. A document
        // being processed may already be embedded with the old ones: sent back to pending, it is
        // not marked ready by that run but processed again (a pending one will read the new values).
        if (doc.status() == KbDocument.Status.READY || doc.status() == KbDocument.Status.PROCESSING) {
            reprocess(doc);
        }
        return KbDocumentView.of(store.document(doc.id()).orElseThrow());
    }

    /** Removes a document: its chunks leave the database and the index before the answer. */
    public void removeDocument(Principal caller, String kbId, String documentId) {
        KbDocument doc = document(caller, kbId, documentId, Role.EDITOR);
        db.runInTransaction(tx -> {
            chunks.deleteForDocument(tx, doc.id());
            store.deleteDocument(tx, doc.id());
        });
        indexes.useIndex(kbId, dimensions(kbId), index -> {
            index.deleteDocument(doc.id());
            index.commit();
        });
        files.deleteQuietly(files.document(kbId, doc.id()));
    }

    /** Parses, chunks and embeds one document again; answers the job doing it. */
    public String reindexDocument(Principal caller, String kbId, String documentId) {
        return reprocess(document(caller, kbId, documentId, Role.EDITOR));
    }

    /** Rebuilds the search index from the chunks in the database (the source of truth). */
    public String rebuildIndex(Principal caller, String kbId) {
        KnowledgeBase kb = require(caller, kbId, Role.EDITOR);
        return db.inTransaction(tx -> jobs.enqueue(tx, kb.workspaceId(), KbIndexRebuild.JOB, kb.id(),
                io.parley.server.common.Json.mapper().createObjectNode(), 3));
    }

    String reprocess(KbDocument doc) {
        store.markDocument(doc.id(), KbDocument.Status.PENDING, null, null, doc.chunkCount(), clock.now());
        return enqueueIngestion(doc.kbId(), doc.workspaceId());
    }

    private void reprocessAll(KnowledgeBase kb) {
        for (KbDocument doc : store.documents(kb.id())) {
            if (doc.sourceType() != KbDocument.SourceType.URL || !doc.annotations().has("crawl")) {
                store.markDocument(doc.id(), KbDocument.Status.PENDING, null, null, doc.chunkCount(), clock.now());
            }
        }
        enqueueIngestion(kb.id(), kb.workspaceId());
    }

    String enqueueIngestion(String kbId, String workspaceId) {
        String jobId = db.inTransaction(tx -> jobs.enqueue(tx, workspaceId, KbFinalizer.INGEST_JOB, kbId,
                IngestionProgress.initial(store.unfinishedDocuments(kbId).size()), 5));
        jobs.poke();
        return jobId;
    }

    KbDocument document(Principal caller, String kbId, String documentId, Role role) {
        KnowledgeBase kb = require(caller, kbId, role);
        return Optional.ofNullable(documentId).filter(Ids::looksLikeId).flatMap(store::document)
                .filter(d -> d.kbId().equals(kb.id()))
                .orElseThrow(() -> ParleyException.notFound("Document"));
    }

    int dimensions(String kbId) {
        return store.find(kbId).flatMap(kb -> EmbeddingModel.byId(kb.embeddingModel()))
                .orElse(EmbeddingModel.DEFAULT).dimensions();
    }

    private KnowledgeBaseView view(KnowledgeBase kb) {
        long indexed = indexes.withIndex(kb.id(), dimensions(kb.id()), index -> (long) index.count());
        return KnowledgeBaseView.of(kb, store.statusCounts(kb.id()), chunks.count(kb.id()), indexed);
    }
}
