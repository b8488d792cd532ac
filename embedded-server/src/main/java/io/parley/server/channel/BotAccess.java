package io.parley.server.channel;

import io.parley.server.botkey.BotKey;
import io.parley.server.botkey.BotKeys;
import io.parley.server.chatbot.Chatbot;
import io.parley.server.chatbot.ChatbotConfig;
import io.parley.server.chatbot.Answerer;
import io.parley.server.session.BotRef;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use a bot's public routes: a key of that bot ({@code Authorization: Bearer bk_…|wk_…});
 * a widget key only from a page of the bot's allowed domains, and only while the website channel
 * is on. An unknown bot and a key of another bot get the same 401/404 as a wrong key would.
 */
final class BotAccess {

    record Caller(Chatbot bot, PublicBots.Kind kind, ChatbotConfig config, BotKey key) {
        boolean widget() {
            return key.isWidget();
        }

        BotRef ref() {
            return new BotRef(kind.type(), bot.id(), bot.workspaceId());
        }

        Answerer answerer() {
            return kind.answerer();
        }
    }

    /** A bot's config as read, kept while the bot's version is the same: reading it binds the whole document. */
    private record Parsed(int version, Instant updatedAt, ChatbotConfig config) {
    }

    private static final int MAX_PARSED = 10_000;

    private final PublicBots bots;
    private final BotKeys keys;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    BotAccess(PublicBots bots, BotKeys keys) {
        this.bots = bots;
        this.keys = keys;
    }

    Caller check(ApiRequest req, String botId) {
        String presented = req.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip()).orElse(null);
        PublicBots.Found found = bots.find(botId).orElseThrow(() -> ParleyException.notFound("Bot"));
        Chatbot bot = found.bot();
        BotKey key = keys.authenticate(bot.id(), presented);
        ChatbotConfig config = config(found);
        if (key.isWidget()) {
            ChatbotConfig.Website website = config.website();
            if (!website.enabled()) {
                throw ParleyException.forbidden("The website channel of this bot is switched off");
            }
            String origin = req.header("Origin").orElse(null);
            if (origin == null) {
                throw ParleyException.forbidden("Widget keys work only from web pages: use the bot's secret key elsewhere");
            }
            if (!OriginPolicy.allows(website.allowedDomains(), origin)) {
                throw new ParleyException(ParleyException.Kind.FORBIDDEN, "origin_not_allowed",
                        "This site is not allowed to use this chatbot: add its domain to the bot's allowed domains", null);
            }
        }
        return new Caller(bot, found.kind(), config, key);
    }

    private ChatbotConfig config(PublicBots.Found found) {
        Chatbot bot = found.bot();
        Parsed p = parsed.get(bot.id());
        if (p != null && p.version() == bot.version() && Objects.equals(p.updatedAt(), bot.updatedAt())) {
            return p.config();
        }
        ChatbotConfig config = found.kind().shell().apply(bot.config());
        if (parsed.size() >= MAX_PARSED) {
            parsed.clear(); // deleted bots' entries go too; the live ones are read again once
        }
        parsed.put(bot.id(), new Parsed(bot.version(), bot.updatedAt(), config));
        return config;
    }
}
