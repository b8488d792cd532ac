package io.parley.server.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** SQL for knowledge bases and their documents. */
public final class KbStore {

    private static final String KB_COLUMNS = "id, workspace_id, name, description, embedding_model, chunking, "
            + "retrieval, created_by, created_at, updated_at";
    private static final String DOC_COLUMNS = "id, kb_id, workspace_id, source_type, name, uri, media_type, "
            + "size_bytes, content_hash, status, error_code, error_message, chunk_count, annotations, created_at, updated_at";

    private final Database db;

    public KbStore(Database db) {
        this.db = db;
    }

    // --- knowledge bases -----------------------------------------------------------------

    public void insert(DbExecute tx, KnowledgeBase kb) {
        tx.insert("INSERT INTO knowledge_bases (" + KB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                kb.id(), kb.workspaceId(), kb.name(), kb.description(), kb.embeddingModel(), write(kb.chunking()),
                write(kb.retrieval()), kb.createdBy(), Rows.timestamp(kb.createdAt()), Rows.timestamp(kb.updatedAt()));
    }

    public Optional<KnowledgeBase> find(String id) {
        return db.execute().get("SELECT " + KB_COLUMNS + " FROM knowledge_bases WHERE id = ?", id)
                .map(KbStore::knowledgeBase);
    }

    /** Every knowledge base's id (a restore rebuilds their indexes). */
    public List<String> allIds() {
        return db.execute().query("SELECT id FROM knowledge_bases ORDER BY id").map(row -> row.column("id").getString())
                .toList();
    }

    public List<KnowledgeBase> inWorkspace(String workspaceId) {
        return db.execute().query("SELECT " + KB_COLUMNS + " FROM knowledge_bases WHERE workspace_id = ? "
                + "ORDER BY created_at DESC, id", workspaceId).map(KbStore::knowledgeBase).toList();
    }

    public void updateSettings(String id, String name, String description, String model, ObjectNode chunking,
                               ObjectNode retrieval, Instant now) {
        db.execute().update("""
                        UPDATE knowledge_bases SET name = ?, description = ?, embedding_model = ?, chunking = ?,
                               retrieval = ?, updated_at = ? WHERE id = ?""",
                name, description, model, write(chunking), write(retrieval), Rows.timestamp(now), id);
    }

    public void delete(String id) {
        db.execute().delete("DELETE FROM knowledge_bases WHERE id = ?", id);
    }

    // --- documents -----------------------------------------------------------------------

    public void insert(DbExecute tx, KbDocument d) {
        tx.insert("INSERT INTO kb_documents (" + DOC_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), d.kbId(), d.workspaceId(), lower(d.sourceType()), d.name(), d.uri(), d.mediaType(),
                d.sizeBytes(), d.contentHash(), lower(d.status()), d.errorCode(), d.errorMessage(), d.chunkCount(),
                write(d.annotations()), Rows.timestamp(d.createdAt()), Rows.timestamp(d.updatedAt()));
    }

    public Optional<KbDocument> document(String id) {
        return db.execute().get("SELECT " + DOC_COLUMNS + " FROM kb_documents WHERE id = ?", id)
                .map(KbStore::document);
    }

    public List<KbDocument> documents(String kbId) {
        return db.execute().query("SELECT " + DOC_COLUMNS + " FROM kb_documents WHERE kb_id = ? "
                + "ORDER BY created_at, name, id", kbId).map(KbStore::document).toList();
    }

    /** Documents still to ingest: pending ones, and any a crashed worker left half done. */
    public List<KbDocument> unfinishedDocuments(String kbId) {
        return db.execute().query("SELECT " + DOC_COLUMNS + " FROM kb_documents WHERE kb_id = ? "
                + "AND status IN ('pending', 'processing') ORDER BY created_at, id", kbId).map(KbStore::document).toList();
    }

    public Map<KbDocument.Status, Integer> statusCounts(String kbId) {
        Map<KbDocument.Status, Integer> counts = new TreeMap<>();
        db.execute().query("SELECT status, COUNT(*) AS n FROM kb_documents WHERE kb_id = ? GROUP BY status", kbId)
                .forEach(r -> counts.put(KbDocument.Status.valueOf(Rows.string(r, "status").toUpperCase(Locale.ROOT)),
                        (int) Rows.number(r, "n")));
        return counts;
    }

    public void markDocument(String id, KbDocument.Status status, String errorCode, String errorMessage,
                             int chunkCount, Instant now) {
        db.execute().update("""
                        UPDATE kb_documents SET status = ?, error_code = ?, error_message = ?, chunk_count = ?, updated_at = ?
                        WHERE id = ?""",
                lower(status), errorCode, errorMessage, chunkCount, Rows.timestamp(now), id);
    }

    /**
     * Marks a document ingested, unless it was sent back to pending (re-indexed, re-annotated)
     * while it was being processed: then it stays pending and is processed again.
     */
    public void markReady(DbExecute tx, String id, int chunkCount, Instant now) {
        tx.update("""
                        UPDATE kb_documents SET status = 'ready', error_code = NULL, error_message = NULL,
                               chunk_count = ?, updated_at = ?
                        WHERE id = ? AND status = 'processing'""",
                chunkCount, Rows.timestamp(now), id);
    }

    /** Which of these documents still exist. */
    public Set<String> existingDocuments(DbExecute tx, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        return tx.query("SELECT id FROM kb_documents WHERE id IN (" + marks + ")", ids.toArray())
                .map(r -> Rows.string(r, "id")).collect(Collectors.toSet());
    }

    public void updateAnnotations(String id, ObjectNode annotations, Instant now) {
        db.execute().update("UPDATE kb_documents SET annotations = ?, updated_at = ? WHERE id = ?",
                write(annotations), Rows.timestamp(now), id);
    }

    public void deleteDocument(DbExecute tx, String id) {
        tx.delete("DELETE FROM kb_documents WHERE id = ?", id);
    }

    // --- mapping -------------------------------------------------------------------------

    private static KnowledgeBase knowledgeBase(DbRow r) {
        return new KnowledgeBase(Rows.string(r, "id"), Rows.string(r, "workspace_id"), Rows.string(r, "name"),
                Rows.string(r, "description"), Rows.string(r, "embedding_model"), read(Rows.string(r, "chunking")),
                read(Rows.string(r, "retrieval")), Rows.string(r, "created_by"), Rows.instant(r, "created_at"),
                Rows.instant(r, "updated_at"));
    }

    private static KbDocument document(DbRow r) {
        return new KbDocument(Rows.string(r, "id"), Rows.string(r, "kb_id"), Rows.string(r, "workspace_id"),
                KbDocument.SourceType.valueOf(Rows.string(r, "source_type").toUpperCase(Locale.ROOT)),
                Rows.string(r, "name"), Rows.string(r, "uri"), Rows.string(r, "media_type"),
                Rows.number(r, "size_bytes"), Rows.string(r, "content_hash"),
                KbDocument.Status.valueOf(Rows.string(r, "status").toUpperCase(Locale.ROOT)),
                Rows.string(r, "error_code"), Rows.string(r, "error_message"), (int) Rows.number(r, "chunk_count"),
                read(Rows.string(r, "annotations")), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String write(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode read(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
