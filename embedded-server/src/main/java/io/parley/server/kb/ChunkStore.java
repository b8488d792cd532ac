package io.parley.server.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;

/** SQL for chunks. Embeddings are stored as little-endian float32 bytes. */
public final class ChunkStore {

    private static final String COLUMNS = "id, kb_id, document_id, position, text, context_text, page, heading_path, "
            + "start_offset, end_offset, token_count, embedding, embedding_model";

    private final Database db;

    public ChunkStore(Database db) {
        this.db = db;
    }

    public void insert(DbExecute tx, StoredChunk c, Instant now) {
        tx.insert("INSERT INTO kb_chunks (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), c.kbId(), c.documentId(), c.position(), c.text(), c.contextText(), c.page(),
                writeList(c.headingPath()), c.startOffset(), c.endOffset(), c.tokenCount(), toBytes(c.embedding()),
                c.embeddingModel(), Rows.timestamp(now));
    }

    public void deleteForDocument(DbExecute tx, String documentId) {
        tx.delete("DELETE FROM kb_chunks WHERE document_id = ?", documentId);
    }

    public long count(String kbId) {
        return db.execute().get("SELECT COUNT(*) AS n FROM kb_chunks WHERE kb_id = ?", kbId)
                .map(r -> Rows.number(r, "n")).orElse(0L);
    }

    public List<StoredChunk> forDocument(String documentId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM kb_chunks WHERE document_id = ? ORDER BY position",
                documentId).map(ChunkStore::chunk).toList();
    }

    /** Up to {@code pageSize} chunks of a knowledge base with ids after {@code afterId}, in id order. */
    public List<StoredChunk> pageInKb(String kbId, String afterId, int pageSize) {
        return db.execute().query("SELECT " + COLUMNS + " FROM kb_chunks WHERE kb_id = ? AND id > ? ORDER BY id "
                + "FETCH FIRST " + pageSize + " ROWS ONLY", kbId, afterId).map(ChunkStore::chunk).toList();
    }

    /**
     * The passages an answer receives instead of these chunks' own text (parent-child chunking),
     * by chunk id; chunks without one are left out. Only two columns: this runs on every search.
     */
    public java.util.Map<String, String> contextTexts(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        java.util.Map<String, String> out = new java.util.HashMap<>();
        db.execute().query("SELECT id, context_text FROM kb_chunks WHERE id IN (" + marks + ") AND context_text IS NOT NULL",
                ids.toArray()).forEach(r -> out.put(Rows.string(r, "id"), Rows.string(r, "context_text")));
        return out;
    }

    private static StoredChunk chunk(DbRow r) {
        Object page = Rows.raw(r, "page");
        return new StoredChunk(Rows.string(r, "id"), Rows.string(r, "kb_id"), Rows.string(r, "document_id"),
                (int) Rows.number(r, "position"), Rows.string(r, "text"), Rows.string(r, "context_text"),
                page == null ? null : ((Number) page).intValue(), readList(Rows.string(r, "heading_path")),
                (int) Rows.number(r, "start_offset"), (int) Rows.number(r, "end_offset"),
                (int) Rows.number(r, "token_count"), fromBytes((byte[]) Rows.raw(r, "embedding")),
                Rows.string(r, "embedding_model"));
    }

    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static String writeList(List<String> list) {
        try {
            return Json.mapper().writeValueAsString(list == null ? List.of() : list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readList(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
