package io.parley.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.botkey.BotKeys;
import io.parley.server.chatbot.ChatRequestBody;
import io.parley.server.chatbot.ChatResponses;
import io.parley.server.chatbot.ChatbotEngine;
import io.parley.server.chatbot.Turn;
import io.parley.server.chatbot.WidgetConfig;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;
import io.parley.server.lead.Lead;
import io.parley.server.lead.LeadRequest;
import io.parley.server.lead.LeadService;
import io.parley.server.session.BotRef;
import io.parley.server.session.SessionService;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.parley.server.http.Access.PUBLIC;

/**
 * The public API of deployed bots, authenticated by the bot's own keys: the widget's config,
 * chat (JSON or streamed), feedback and lead capture.
 */
public final class PublicChatRoutes {

    private final BotAccess access;
    private final SessionService sessions;
    private final LeadService leads;
    private final BotRateLimits limits = new BotRateLimits();
    private final OpenAiCompatibleRoutes openAi;

    public PublicChatRoutes(PublicBots bots, BotKeys keys, SessionService sessions, LeadService leads) {
        this.access = new BotAccess(bots, keys);
        this.sessions = sessions;
        this.leads = leads;
        this.openAi = new OpenAiCompatibleRoutes(access, limits);
    }

    /** {@code /v1/chat/completions}, at the root like OpenAI's own API. */
    public void registerRoot(ApiRoutes root) {
        openAi.register(root);
    }

    record FeedbackBody(String messageId, String rating, String comment) {
    }

    public void register(ApiRoutes api) {
        api.tagged("public")
                .get("/bots/{bot_id}/config", PUBLIC, "What the widget needs (bot key)", this::config)
                .post("/bots/{bot_id}/chat", PUBLIC, "Chat {message, session_id?, metadata?} (bot key); "
                        + "Accept: text/event-stream streams the answer", ChatRequestBody.class, this::chat)
                .post("/bots/{bot_id}/feedback", PUBLIC, "Rate an answer {message_id, rating, comment?} (bot key)",
                        FeedbackBody.class, this::feedback)
                .post("/leads/capture", PUBLIC, "Leave contact details {bot_id, session_id?, email?, name?, phone?} (bot key)",
                        LeadRequest.class, this::capture);
    }

    private Object config(ApiRequest req) {
        BotAccess.Caller caller = access.check(req, req.path("bot_id"));
        return WidgetConfig.of(caller.bot().id(), caller.config(), false);
    }

    private Object chat(ApiRequest req) {
        BotAccess.Caller caller = access.check(req, req.path("bot_id"));
        ChatRequestBody body = JsonBinding.bind(req.body(JsonNode.class), ChatRequestBody.class, null);
        ChatbotEngine.checkMessage(body.message());
        limits.take(caller.bot().id(), caller.config().messagesPerHour());
        Turn turn = new Turn(body.message(), body.sessionId(), body.metadata(), caller.widget() ? "website" : "api",
                caller.widget());
        return ChatResponses.reply(req, caller.answerer(), caller.ref(), caller.config(), caller.bot().config(), turn);
    }

    private Object feedback(ApiRequest req) {
        BotAccess.Caller caller = access.check(req, req.path("bot_id"));
        if (!caller.config().feedback()) {
            throw ParleyException.forbidden("Feedback is switched off for this bot");
        }
        FeedbackBody body = JsonBinding.bind(req.body(JsonNode.class), FeedbackBody.class, null);
        sessions.feedback(caller.bot().id(), body.messageId(), body.rating(), body.comment());
        return Map.of("status", "ok");
    }

    private Object capture(ApiRequest req) {
        LeadRequest body = JsonBinding.bind(req.body(JsonNode.class), LeadRequest.class, null);
        if (body.botId() == null || body.botId().isBlank()) {
            throw ParleyException.invalidField("bot_id", "'bot_id' is required");
        }
        BotAccess.Caller caller = access.check(req, body.botId());
        if (!caller.config().leadCaptureEnabled()) {
            throw ParleyException.forbidden("This bot does not collect contact details");
        }
        BotRef bot = caller.ref();
        String sessionId = body.sessionId() == null ? null : sessions.find(bot.id(), body.sessionId())
                .map(s -> s.id()).orElseThrow(() -> ParleyException.invalidField("session_id",
                        "'session_id' is not a conversation of this bot"));
        Lead lead = leads.capture(bot, caller.config().leadRequired(), body, sessionId, req.header("Origin").orElse(null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lead_id", lead.id());
        out.put("status", "captured");
        return Reply.created(out);
    }
}
