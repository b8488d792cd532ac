package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.botkey.BotKey;
import io.parley.server.botkey.BotKeys;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.session.SessionService;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.Principal;

import java.util.Optional;

/**
 * What chatbots and chatflows share once deployed: the first deploy (the bot row, its widget and
 * secret keys, the draft's removal, in one transaction), a redeploy of an edit draft (the live row
 * replaced in one UPDATE, so the old version answers until the commit), deletion with keys and
 * conversations, and the edit draft of the live version. {@code sourceField} is the draft field
 * naming the live bot an edit draft replaces.
 */
public final class BotLifecycle {

    /** A deploy's result: the bot as now live, and its secret key on a first deploy (shown once). */
    public record Deployed(Chatbot bot, String secretKey) {
    }

    private final Database db;
    private final ChatbotStore store;
    private final DraftService drafts;
    private final BotKeys keys;
    private final SessionService sessions;
    private final DraftType draftType;
    private final String botType;
    private final String sourceField;
    private final Clock clock;

    public BotLifecycle(Database db, ChatbotStore store, DraftService drafts, BotKeys keys, SessionService sessions,
                        DraftType draftType, String sourceField, Clock clock) {
        this.db = db;
        this.store = store;
        this.drafts = drafts;
        this.keys = keys;
        this.sessions = sessions;
        this.draftType = draftType;
        this.botType = draftType.value();
        this.sourceField = sourceField;
        this.clock = clock;
    }

    /** The draft's document without the server-owned field naming the bot it edits. */
    public ObjectNode document(Draft draft) {
        ObjectNode config = draft.data().deepCopy();
        config.remove(sourceField);
        return config;
    }

    public Deployed deploy(Principal caller, Draft draft, ObjectNode config, String name, String description) {
        String sourceId = draft.data().path(sourceField).asText(null);
        var now = clock.now();
        String[] secret = {null};
        Chatbot deployed = db.inTransaction(tx -> {
            Chatbot bot;
            if (sourceId != null) {
                Chatbot live = store.find(sourceId).filter(b -> b.workspaceId().equals(draft.workspaceId()))
                        .orElseThrow(() -> ParleyException.conflict(botType + "_gone", "The " + botType
                                + " this draft edits was deleted; start a new " + botType + " instead"));
                store.replace(tx, live.id(), name, description, config, now);
                bot = new Chatbot(live.id(), live.workspaceId(), name, description, config, live.version() + 1,
                        live.widgetKey(), live.createdBy(), live.createdAt(), now);
            } else {
                String id = Ids.newId();
                BotKey widget = keys.issue(tx, id, botType, draft.workspaceId(), BotKey.WIDGET, "Website widget");
                secret[0] = keys.issue(tx, id, botType, draft.workspaceId(), BotKey.SECRET, "Default key").key();
                bot = new Chatbot(id, draft.workspaceId(), name, description, config, 1, widget.key(),
                        caller.isApiKey() ? null : caller.userId(), now, now);
                store.insert(tx, bot);
            }
            drafts.consume(tx, draft);
            return bot;
        });
        drafts.released(draft);
        return new Deployed(deployed, secret[0]);
    }

    /** Replaces the live document in one statement; 404 when the bot is gone meanwhile. */
    public void replace(Chatbot bot, String name, String description, ObjectNode config) {
        db.runInTransaction(tx -> {
            if (!store.replace(tx, bot.id(), name, description, config, clock.now())) {
                throw ParleyException.notFound(botType.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                        + botType.substring(1));
            }
        });
    }

    public void delete(Chatbot bot) {
        db.runInTransaction(tx -> {
            sessions.deleteForBot(tx, bot.id());
            keys.deleteForBot(tx, bot.id());
            store.delete(tx, bot.id());
        });
    }

    /** A draft holding the live document; deploying it replaces the live version. */
    public Draft edit(Principal caller, Chatbot bot) {
        ObjectNode data = bot.config().deepCopy();
        data.put(sourceField, bot.id());
        return drafts.create(caller, draftType, Optional.of(bot.workspaceId()), data);
    }
}
