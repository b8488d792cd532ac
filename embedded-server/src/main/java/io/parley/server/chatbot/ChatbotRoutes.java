package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.botkey.BotKey;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.PublicUrls;
import io.parley.server.http.Reply;
import io.parley.server.http.Streamed;
import io.parley.server.lead.LeadService;
import io.parley.server.session.BotRef;
import io.parley.server.session.SessionService;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Role;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/**
 * The builder's routes: validate, preview (JSON or streamed), widget config and deploy of drafts;
 * deployed chatbots with their keys, sessions and leads. Draft create/save/delete are the shared
 * {@link io.parley.server.draft.DraftRoutes}.
 */
public final class ChatbotRoutes {

    private static final String DRAFT = "/chatbots/draft/{draft_id}";
    private static final String BOT = "/chatbots/{chatbot_id}";

    private final ChatbotService chatbots;
    private final ChatbotEngine engine;
    private final DraftService drafts;
    private final SessionService sessions;
    private final LeadService leads;
    private final AccessPolicy policy;

    public ChatbotRoutes(ChatbotService chatbots, ChatbotEngine engine, DraftService drafts, SessionService sessions,
                         LeadService leads, AccessPolicy policy) {
        this.chatbots = chatbots;
        this.engine = engine;
        this.drafts = drafts;
        this.sessions = sessions;
        this.leads = leads;
        this.policy = policy;
    }

    record NameBody(String name) {
    }

    public void register(ApiRoutes api) {
        api.tagged("chatbot-drafts")
                .post(DRAFT + "/validate", AUTHENTICATED, "Check the draft: {valid, errors, warnings}", null, this::validate)
                .post(DRAFT + "/preview", AUTHENTICATED, "Chat with the draft {message, session_id?, metadata?}; "
                        + "Accept: text/event-stream streams the answer", ChatRequestBody.class, this::preview)
                .get(DRAFT + "/widget-config", AUTHENTICATED, "What the widget needs to show the draft", this::widgetConfig)
                .post(DRAFT + "/deploy", AUTHENTICATED, "Deploy the draft (or replace the live version it edits)", null,
                        this::deploy);
        api.tagged("chatbots")
                .get("/chatbots", AUTHENTICATED, "List the workspace's deployed chatbots (?workspace_id=)", this::list)
                .get(BOT, AUTHENTICATED, "A deployed chatbot with its configuration and channels", this::get)
                .patch(BOT, AUTHENTICATED, "Change the live configuration: {\"data\": {...}} is deep-merged", JsonNode.class,
                        this::update)
                .delete(BOT, AUTHENTICATED, "Delete a chatbot, its keys and conversations", this::delete)
                .post(BOT + "/edit", AUTHENTICATED, "Open a draft of the live version; deploying it replaces the live one",
                        null, this::edit)
                .get(BOT + "/keys", AUTHENTICATED, "The chatbot's public API keys (secrets are never shown again)", this::keys)
                .post(BOT + "/keys", AUTHENTICATED, "Create a secret key {name}; the key is shown once", NameBody.class,
                        this::createKey)
                .delete(BOT + "/keys/{bot_key_id}", AUTHENTICATED, "Revoke a key", this::revokeKey)
                .get(BOT + "/sessions", AUTHENTICATED, "The chatbot's latest conversations (?limit=)", this::sessions)
                .get(BOT + "/leads", AUTHENTICATED, "Leads captured by the chatbot (?limit=)", this::leads)
                .get("/sessions/{session_id}", AUTHENTICATED, "A conversation with its messages", this::session);
    }

    private Object validate(ApiRequest req) {
        return chatbots.validate(req.principal(), req.path("draft_id")).toJson();
    }

    private Object preview(ApiRequest req) {
        Draft draft = drafts.require(req.principal(), DraftType.CHATBOT, req.path("draft_id"), Role.VIEWER);
        ChatRequestBody body = JsonBinding.bind(req.body(JsonNode.class), ChatRequestBody.class, null);
        ChatbotEngine.checkMessage(body.message());
        ChatbotConfig config = ChatbotConfig.read(draft.data());
        BotRef bot = new BotRef("chatbot", draft.id(), draft.workspaceId());
        Turn turn = new Turn(body.message(), body.sessionId(), body.metadata(), "preview", false);
        return ChatResponses.reply(req, engine, bot, config, draft.data(), turn);
    }

    private Object widgetConfig(ApiRequest req) {
        Draft draft = drafts.require(req.principal(), DraftType.CHATBOT, req.path("draft_id"), Role.VIEWER);
        return WidgetConfig.of(draft.id(), ChatbotConfig.read(draft.data()), true);
    }

    private Object deploy(ApiRequest req) {
        return chatbots.deploy(req.principal(), req.path("draft_id"), PublicUrls.base(req));
    }

    private Object list(ApiRequest req) {
        return Map.of("chatbots", chatbots.list(req.principal(), req.query("workspace_id")));
    }

    private Object get(ApiRequest req) {
        return chatbots.get(req.principal(), req.path("chatbot_id"), PublicUrls.base(req));
    }

    private Object update(ApiRequest req) {
        JsonNode body = req.body(JsonNode.class);
        if (body == null || !body.path("data").isObject()) {
            throw ParleyException.invalidField("data", "Send the changes as {\"data\": {...}}");
        }
        return chatbots.update(req.principal(), req.path("chatbot_id"), (ObjectNode) body.get("data"),
                PublicUrls.base(req));
    }

    private Object delete(ApiRequest req) {
        chatbots.delete(req.principal(), req.path("chatbot_id"));
        return Reply.noContent();
    }

    private Object edit(ApiRequest req) {
        Draft draft = chatbots.edit(req.principal(), req.path("chatbot_id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draft_id", draft.id());
        out.put("status", "draft");
        out.put("chatbot_id", req.path("chatbot_id"));
        out.put("expires_at", draft.expiresAt());
        return Reply.created(out);
    }

    private Object keys(ApiRequest req) {
        Chatbot bot = chatbots.require(req.principal(), req.path("chatbot_id"), Role.ADMIN);
        return Map.of("keys", chatbots.keys().list(bot.id()));
    }

    private Object createKey(ApiRequest req) {
        Chatbot bot = chatbots.require(req.principal(), req.path("chatbot_id"), Role.ADMIN);
        NameBody body = JsonBinding.bind(req.body(JsonNode.class), NameBody.class, null);
        String name = io.parley.server.common.Text.required("name", body.name(), 200);
        return Reply.created(chatbots.keys().issueNow(bot.id(), "chatbot", bot.workspaceId(), BotKey.SECRET, name));
    }

    private Object revokeKey(ApiRequest req) {
        Chatbot bot = chatbots.require(req.principal(), req.path("chatbot_id"), Role.ADMIN);
        chatbots.keys().revoke(bot.id(), req.path("bot_key_id"));
        return Reply.noContent();
    }

    private Object sessions(ApiRequest req) {
        Chatbot bot = chatbots.require(req.principal(), req.path("chatbot_id"), Role.VIEWER);
        return Map.of("sessions", sessions.forBot(bot.id(), limit(req)));
    }

    private Object leads(ApiRequest req) {
        Chatbot bot = chatbots.require(req.principal(), req.path("chatbot_id"), Role.VIEWER);
        return Map.of("leads", leads.list(bot.workspaceId(), bot.id(), limit(req)));
    }

    private Object session(ApiRequest req) {
        return sessions.withMessages(req.principal(), req.path("session_id"));
    }

    private static int limit(ApiRequest req) {
        try {
            return req.query("limit").map(Integer::parseInt).orElse(50);
        } catch (NumberFormatException e) {
            throw ParleyException.invalidField("limit", "'limit' must be a whole number");
        }
    }
}
