package io.parley.server.chatbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Json;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for deployed bots, the configuration stored as JSON text: chatbots, and chatflows, whose
 * table has the same shape (a chatflow's row is read as a {@link Chatbot} record: id, workspace,
 * name, live document, version, widget key).
 */
public final class ChatbotStore {

    private static final String COLUMNS =
            "id, workspace_id, name, description, config, version, widget_key, created_by, created_at, updated_at";

    private final Database db;
    private final String table;

    ChatbotStore(Database db) {
        this(db, "chatbots");
    }

    private ChatbotStore(Database db, String table) {
        this.db = db;
        this.table = table;
    }

    /** The store of deployed chatflows. */
    public static ChatbotStore chatflows(Database db) {
        return new ChatbotStore(db, "chatflows");
    }

    public void insert(DbExecute tx, Chatbot bot) {
        tx.insert("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                bot.id(), bot.workspaceId(), bot.name(), bot.description(), write(bot.config()), bot.version(),
                bot.widgetKey(), bot.createdBy(), Rows.timestamp(bot.createdAt()), Rows.timestamp(bot.updatedAt()));
    }

    /** Replaces the live configuration in one statement; false when the bot is gone. */
    public boolean replace(DbExecute tx, String id, String name, String description, ObjectNode config, Instant now) {
        return tx.update("UPDATE " + table + " SET name = ?, description = ?, config = ?, version = version + 1, updated_at = ? "
                + "WHERE id = ?", name, description, write(config), Rows.timestamp(now), id) == 1;
    }

    public Optional<Chatbot> find(String id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?", id).map(ChatbotStore::chatbot);
    }

    public List<Chatbot> inWorkspace(String workspaceId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM " + table + " WHERE workspace_id = ? ORDER BY updated_at DESC, id",
                workspaceId).map(ChatbotStore::chatbot).toList();
    }

    public void delete(DbExecute tx, String id) {
        tx.delete("DELETE FROM " + table + " WHERE id = ?", id);
    }

    private static Chatbot chatbot(DbRow r) {
        try {
            ObjectNode config = (ObjectNode) Json.mapper().readTree(Rows.string(r, "config"));
            return new Chatbot(Rows.string(r, "id"), Rows.string(r, "workspace_id"), Rows.string(r, "name"),
                    Rows.string(r, "description"), config, (int) Rows.number(r, "version"), Rows.string(r, "widget_key"),
                    Rows.string(r, "created_by"), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chatbot " + Rows.string(r, "id") + " holds invalid JSON", e);
        }
    }

    static String write(ObjectNode config) {
        try {
            return Json.mapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
