package io.parley.server.chatbot;

import io.parley.server.botkey.BotKeys;
import io.parley.server.common.Clock;
import io.parley.server.draft.DraftRoutes;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.http.ApiRoutes;
import io.parley.server.inference.ModelResolver;
import io.parley.server.kb.KbSearch;
import io.parley.server.lead.LeadService;
import io.parley.server.channel.PublicBots;
import io.parley.server.session.SessionService;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;

import java.util.Set;

/** Wires chatbots by hand: drafts, deploy, the engine, sessions, leads and the public routes. */
public final class ChatbotModule {

    private final DraftRoutes draftRoutes;
    private final ChatbotRoutes routes;
    private final BotKeys keys;
    private final LeadService leads;
    private final SessionService sessions;
    private final ChatbotEngine engine;
    private final ChatbotService chatbots;

    public ChatbotModule(Database db, DraftService drafts, KbSearch search, ModelResolver models, AccessPolicy policy,
                         Clock clock) {
        this.sessions = new SessionService(db, policy, clock);
        this.keys = new BotKeys(db, clock);
        this.leads = new LeadService(db, clock);
        this.chatbots = new ChatbotService(db, drafts, new ChatbotValidation(search), keys, sessions, policy, clock);
        this.engine = new ChatbotEngine(search, sessions, models);
        this.draftRoutes = new DraftRoutes(drafts, DraftType.CHATBOT, Set.of(ChatbotService.SOURCE_FIELD),
                (changes, document) -> ChatbotConfig.read(document));
        this.routes = new ChatbotRoutes(chatbots, engine, drafts, sessions, leads, policy);
    }

    /** Admin routes (drafts, deployed chatbots) under /api/v1. */
    public void register(ApiRoutes api) {
        draftRoutes.register(api);
        routes.register(api);
    }

    /** How the public routes find and answer with chatbots. */
    public PublicBots.Kind publicKind() {
        return new PublicBots.Kind("chatbot", chatbots::live, ChatbotConfig::read, engine);
    }

    public BotKeys keys() {
        return keys;
    }

    public LeadService leads() {
        return leads;
    }

    public SessionService sessions() {
        return sessions;
    }

    public ChatbotEngine engine() {
        return engine;
    }

    public ChatbotService chatbots() {
        return chatbots;
    }
}
