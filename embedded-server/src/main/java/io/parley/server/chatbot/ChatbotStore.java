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

/** SQL for deployed chatbots; the configuration is stored as JSON text. */
final class ChatbotStore {

    private static final String COLUMNS =
            "id, workspace_id, name, description, config, version, widget_key, created_by, created_at, updated_at";

    private final Database db;

    ChatbotStore(Database db) {
        this.db = db;
    }

    void insert(DbExecute tx, Chatbot bot) {
        tx.insert("INSERT INTO chatbots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                bot.id(), bot.workspaceId(), bot.name(), bot.description(), write(bot.config()), bot.version(),
                bot.widgetKey(), bot.createdBy(), Rows.timestamp(bot.createdAt()), Rows.timestamp(bot.updatedAt()));
    }

    /** Replaces the live configuration in one statement; false when the bot is gone. */
    boolean replace(DbExecute tx, String id, String name, String description, ObjectNode config, Instant now) {
        return tx.update("UPDATE chatbots SET name = ?, description = ?, config = ?, version = version + 1, updated_at = ? "
                + "WHERE id = ?", name, description, write(config), Rows.timestamp(now), id) == 1;
    }

    Optional<Chatbot> find(String id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM chatbots WHERE id = ?", id).map(ChatbotStore::chatbot);
    }

    List<Chatbot> inWorkspace(String workspaceId) {
        return db.execute().query("SELECT " + COLUMNS + " FROM chatbots WHERE workspace_id = ? ORDER BY updated_at DESC, id",
                workspaceId).map(ChatbotStore::chatbot).toList();
    }

    void delete(DbExecute tx, String id) {
        tx.delete("DELETE FROM chatbots WHERE id = ?", id);
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
