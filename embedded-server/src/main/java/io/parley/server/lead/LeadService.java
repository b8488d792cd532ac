package io.parley.server.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbRow;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.session.BotRef;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leads: a visitor's email, name and phone, checked against the fields the bot asks for, kept
 * with the session they came from.
 */
public final class LeadService {

    private static final String COLUMNS =
            "id, workspace_id, bot_type, bot_id, session_id, email, name, phone, custom_fields, origin, created_at";

    private final Database db;
    private final Clock clock;

    public LeadService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param required the fields the bot's lead form requires (email, name, phone)
     * @param sessionId a session of this bot, or null
     */
    public Lead capture(BotRef bot, List<String> required, LeadRequest request, String sessionId, String origin) {
        String email = blankToNull(request.email());
        String name = blankToNull(request.name());
        String phone = blankToNull(request.phone());
        Map<String, String> given = new java.util.HashMap<>();
        if (email != null) {
            given.put("email", email);
        }
        if (name != null) {
            given.put("name", name);
        }
        if (phone != null) {
            given.put("phone", phone);
        }
        List<String> missing = new ArrayList<>(required.stream().filter(f -> !given.containsKey(f)).toList());
        if (!missing.isEmpty()) {
            throw new ParleyException(ParleyException.Kind.VALIDATION_FAILED, "missing_fields",
                    "Please fill in: " + String.join(", ", missing), Map.of("fields", missing));
        }
        if (given.isEmpty()) {
            throw ParleyException.invalidInput("Leave at least an email, a name or a phone number");
        }
        if (email != null) {
            email = Text.email("email", email);
        }
        if (name != null && name.length() > 200) {
            throw ParleyException.invalidField("name", "'name' must be at most 200 characters");
        }
        if (phone != null && !phone.matches("[+0-9 ()./\\-]{4,40}")) {
            throw ParleyException.invalidField("phone", "'phone' does not look like a phone number");
        }
        ObjectNode custom = request.customFields() == null ? Json.mapper().createObjectNode() : request.customFields();
        if (custom.toString().length() > 4000) {
            throw ParleyException.invalidField("custom_fields", "'custom_fields' is too large");
        }
        Lead lead = new Lead(Ids.newId(), bot.workspaceId(), bot.type(), bot.id(), sessionId, email, name, phone, custom,
                origin == null || origin.length() > 500 ? null : origin, clock.now());
        db.execute().insert("INSERT INTO leads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lead.id(), lead.workspaceId(), lead.botType(), lead.botId(), lead.sessionId(), lead.email(), lead.name(),
                lead.phone(), custom.toString(), lead.origin(), Rows.timestamp(lead.createdAt()));
        return lead;
    }

    /** A workspace's leads, newest first; of one bot when {@code botId} is given. */
    public List<Lead> list(String workspaceId, String botId, int limit) {
        int rows = Math.max(1, Math.min(limit, 1000));
        if (botId != null) {
            return db.execute().query("SELECT " + COLUMNS + " FROM leads WHERE workspace_id = ? AND bot_id = ? "
                    + "ORDER BY created_at DESC, id FETCH FIRST " + rows + " ROWS ONLY", workspaceId, botId)
                    .map(LeadService::lead).toList();
        }
        return db.execute().query("SELECT " + COLUMNS + " FROM leads WHERE workspace_id = ? "
                + "ORDER BY created_at DESC, id FETCH FIRST " + rows + " ROWS ONLY", workspaceId).map(LeadService::lead).toList();
    }

    private static Lead lead(DbRow r) {
        try {
            JsonNode custom = Json.mapper().readTree(Rows.string(r, "custom_fields"));
            return new Lead(Rows.string(r, "id"), Rows.string(r, "workspace_id"), Rows.string(r, "bot_type"),
                    Rows.string(r, "bot_id"), Rows.string(r, "session_id"), Rows.string(r, "email"), Rows.string(r, "name"),
                    Rows.string(r, "phone"), (ObjectNode) custom, Rows.string(r, "origin"), Rows.instant(r, "created_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead " + Rows.string(r, "id") + " holds invalid JSON", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
