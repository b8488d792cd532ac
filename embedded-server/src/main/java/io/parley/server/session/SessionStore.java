package io.parley.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SQL for sessions and their messages. JSON fields are stored as text. */
final class SessionStore {

    private static final String SESSION_COLUMNS = "id, workspace_id, bot_type, bot_id, channel, status, metadata, "
            + "message_count, prompt_tokens, completion_tokens, created_at, updated_at, last_message_at, closed_at, expires_at";
    private static final String MESSAGE_COLUMNS = "id, session_id, workspace_id, seq, role, content, content_type, sources, "
            + "response_metadata, model, prompt_tokens, completion_tokens, total_tokens, latency_ms, error, error_code, "
            + "feedback, feedback_at, created_at";

    private final Database db;

    SessionStore(Database db) {
        this.db = db;
    }

    void insert(ChatSession s) {
        db.execute().insert("INSERT INTO chat_sessions (" + SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.workspaceId(), s.botType(), s.botId(), s.channel(), s.status(), write(s.metadata()),
                s.messageCount(), s.promptTokens(), s.completionTokens(), Rows.timestamp(s.createdAt()),
                Rows.timestamp(s.updatedAt()), Rows.timestamp(s.lastMessageAt()), Rows.timestamp(s.closedAt()),
                Rows.timestamp(s.expiresAt()));
    }

    Optional<ChatSession> find(String id) {
        return db.execute().get("SELECT " + SESSION_COLUMNS + " FROM chat_sessions WHERE id = ?", id)
                .map(SessionStore::session);
    }

    List<ChatSession> forBot(String botId, int limit) {
        return db.execute().query("SELECT " + SESSION_COLUMNS + " FROM chat_sessions WHERE bot_id = ? "
                + "ORDER BY created_at DESC, id FETCH FIRST " + limit + " ROWS ONLY", botId).map(SessionStore::session).toList();
    }

    void updateMetadata(String id, ObjectNode metadata, Instant now) {
        db.execute().update("UPDATE chat_sessions SET metadata = ?, updated_at = ? WHERE id = ?",
                write(metadata), Rows.timestamp(now), id);
    }

    /**
     * Appends a message: the session's counter (locked by the UPDATE until commit) gives its
     * sequence number, and its tokens are added to the session's totals.
     */
    StoredMessage append(String messageId, ChatSession session, NewMessage m, Instant now, Instant expiresAt) {
        return db.inTransaction(tx -> {
            int prompt = m.usage() == null ? 0 : m.usage().promptTokens();
            int completion = m.usage() == null ? 0 : m.usage().completionTokens();
            tx.update("""
                            UPDATE chat_sessions SET message_count = message_count + 1, prompt_tokens = prompt_tokens + ?,
                              completion_tokens = completion_tokens + ?, updated_at = ?, last_message_at = ?, expires_at = ?,
                              status = CASE WHEN status = 'idle' THEN 'active' ELSE status END
                            WHERE id = ?""",
                    prompt, completion, Rows.timestamp(now), Rows.timestamp(now), Rows.timestamp(expiresAt), session.id());
            int seq = tx.get("SELECT message_count FROM chat_sessions WHERE id = ?", session.id())
                    .map(r -> (int) Rows.number(r, "message_count")).orElseThrow();
            Integer total = m.usage() == null ? null : prompt + completion;
            tx.insert("INSERT INTO chat_messages (" + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    messageId, session.id(), session.workspaceId(), seq, m.role(), m.content(), "markdown",
                    m.sources() == null ? null : write(m.sources()), m.responseMetadata() == null ? null : write(m.responseMetadata()),
                    m.model(), m.usage() == null ? null : prompt, m.usage() == null ? null : completion, total,
                    m.latencyMs(), m.error(), m.errorCode(), null, null, Rows.timestamp(now));
            return new StoredMessage(messageId, session.id(), seq, m.role(), m.content(), "markdown", m.sources(),
                    m.responseMetadata(), m.model(), m.usage() == null ? null : prompt,
                    m.usage() == null ? null : completion, total, m.latencyMs(), m.error(), m.errorCode(), null, null, now);
        });
    }

    /** The last {@code limit} messages, oldest first. */
    List<StoredMessage> recent(String sessionId, int limit) {
        List<StoredMessage> newestFirst = new ArrayList<>(db.execute().query("SELECT " + MESSAGE_COLUMNS
                + " FROM chat_messages WHERE session_id = ? ORDER BY seq DESC FETCH FIRST " + limit + " ROWS ONLY", sessionId)
                .map(SessionStore::message).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    List<StoredMessage> messages(String sessionId) {
        return db.execute().query("SELECT " + MESSAGE_COLUMNS + " FROM chat_messages WHERE session_id = ? ORDER BY seq",
                sessionId).map(SessionStore::message).toList();
    }

    Optional<MessageOwner> owner(String messageId) {
        return db.execute().get("SELECT m.id, m.role, s.bot_id, s.id AS sid FROM chat_messages m "
                + "JOIN chat_sessions s ON s.id = m.session_id WHERE m.id = ?", messageId)
                .map(r -> new MessageOwner(Rows.string(r, "id"), Rows.string(r, "role"), Rows.string(r, "bot_id"),
                        Rows.string(r, "sid")));
    }

    record MessageOwner(String messageId, String role, String botId, String sessionId) {
    }

    void feedback(String messageId, ObjectNode feedback, Instant at) {
        db.execute().update("UPDATE chat_messages SET feedback = ?, feedback_at = ? WHERE id = ?",
                write(feedback), Rows.timestamp(at), messageId);
    }

    /** User messages sent to a bot since {@code since}, over all its sessions. */
    long userMessagesSince(String botId, Instant since) {
        return db.execute().get("SELECT COUNT(*) AS n FROM chat_messages m JOIN chat_sessions s ON s.id = m.session_id "
                        + "WHERE s.bot_id = ? AND m.role = 'user' AND m.created_at >= ?", botId, Rows.timestamp(since))
                .map(r -> Rows.number(r, "n")).orElse(0L);
    }

    int markIdle(Instant before, Instant now) {
        return (int) db.execute().update("UPDATE chat_sessions SET status = 'idle', updated_at = ? "
                + "WHERE status = 'active' AND last_message_at < ?", Rows.timestamp(now), Rows.timestamp(before));
    }

    int expire(Instant now) {
        return (int) db.execute().update("UPDATE chat_sessions SET status = 'expired', closed_at = ?, updated_at = ? "
                        + "WHERE status IN ('active', 'idle') AND expires_at < ?",
                Rows.timestamp(now), Rows.timestamp(now), Rows.timestamp(now));
    }

    int deleteExpired(Instant before) {
        return (int) db.execute().delete("DELETE FROM chat_sessions WHERE status IN ('expired', 'closed') AND updated_at < ?",
                Rows.timestamp(before));
    }

    void close(String id, Instant now) {
        db.execute().update("UPDATE chat_sessions SET status = 'closed', closed_at = ?, updated_at = ? WHERE id = ?",
                Rows.timestamp(now), Rows.timestamp(now), id);
    }

    void deleteForBot(DbExecute tx, String botId) {
        tx.delete("DELETE FROM chat_sessions WHERE bot_id = ?", botId);
    }

    private static ChatSession session(DbRow r) {
        return new ChatSession(Rows.string(r, "id"), Rows.string(r, "workspace_id"), Rows.string(r, "bot_type"),
                Rows.string(r, "bot_id"), Rows.string(r, "channel"), Rows.string(r, "status"),
                (ObjectNode) read(Rows.string(r, "metadata")), (int) Rows.number(r, "message_count"),
                Rows.number(r, "prompt_tokens"), Rows.number(r, "completion_tokens"), Rows.instant(r, "created_at"),
                Rows.instant(r, "updated_at"), Rows.instant(r, "last_message_at"), Rows.instant(r, "closed_at"),
                Rows.instant(r, "expires_at"));
    }

    private static StoredMessage message(DbRow r) {
        Object prompt = Rows.raw(r, "prompt_tokens");
        Object completion = Rows.raw(r, "completion_tokens");
        Object total = Rows.raw(r, "total_tokens");
        Object latency = Rows.raw(r, "latency_ms");
        String sources = Rows.string(r, "sources");
        String meta = Rows.string(r, "response_metadata");
        String feedback = Rows.string(r, "feedback");
        return new StoredMessage(Rows.string(r, "id"), Rows.string(r, "session_id"), (int) Rows.number(r, "seq"),
                Rows.string(r, "role"), Rows.string(r, "content"), Rows.string(r, "content_type"),
                sources == null ? null : read(sources), meta == null ? null : (ObjectNode) read(meta), Rows.string(r, "model"),
                prompt == null ? null : ((Number) prompt).intValue(), completion == null ? null : ((Number) completion).intValue(),
                total == null ? null : ((Number) total).intValue(), latency == null ? null : ((Number) latency).longValue(),
                Rows.string(r, "error"), Rows.string(r, "error_code"), feedback == null ? null : (ObjectNode) read(feedback),
                Rows.instant(r, "feedback_at"), Rows.instant(r, "created_at"));
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session row holds invalid JSON", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
