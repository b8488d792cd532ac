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
import io.parley.server.draft.JsonMerge;
import io.parley.server.session.SessionService;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployed chatbots: deploy a draft (a new bot, or a new version of the bot an edit draft came
 * from), list, read, change, delete, and open an edit draft of the live version.
 */
public final class ChatbotService {

    /** The field of an edit draft that names the live chatbot it will replace. */
    public static final String SOURCE_FIELD = "chatbot_id";

    private final Database db;
    private final ChatbotStore store;
    private final DraftService drafts;
    private final ChatbotValidation validation;
    private final BotKeys keys;
    private final SessionService sessions;
    private final AccessPolicy policy;
    private final Clock clock;

    public ChatbotService(Database db, DraftService drafts, ChatbotValidation validation, BotKeys keys,
                          SessionService sessions, AccessPolicy policy, Clock clock) {
        this.db = db;
        this.store = new ChatbotStore(db);
        this.drafts = drafts;
        this.validation = validation;
        this.keys = keys;
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
    }

    public ChatbotValidation.Result validate(Principal caller, String draftId) {
        Draft draft = drafts.require(caller, DraftType.CHATBOT, draftId, Role.VIEWER);
        return validation.validate(draft.workspaceId(), draft.data());
    }

    /**
     * Deploys a draft in one transaction: the bot row (or the new version of the live one), its
     * keys on first deploy, and the draft's removal. Until the commit the old version answers.
     */
    public Map<String, Object> deploy(Principal caller, String draftId, String baseUrl) {
        Draft draft = drafts.require(caller, DraftType.CHATBOT, draftId, Role.EDITOR);
        ChatbotValidation.Result result = validation.validate(draft.workspaceId(), draft.data());
        if (!result.valid()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("errors", result.errors());
            details.put("warnings", result.warnings());
            throw new ParleyException(ParleyException.Kind.VALIDATION_FAILED, "validation_failed",
                    "The chatbot cannot be deployed yet: " + result.errors().get(0).message(), details);
        }
        ObjectNode config = draft.data().deepCopy();
        String sourceId = config.path(SOURCE_FIELD).asText(null);
        config.remove(SOURCE_FIELD);
        ChatbotConfig parsed = ChatbotConfig.read(config);
        var now = clock.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        Chatbot deployed = db.inTransaction(tx -> {
            Chatbot bot;
            if (sourceId != null) {
                Chatbot live = store.find(sourceId).filter(b -> b.workspaceId().equals(draft.workspaceId()))
                        .orElseThrow(() -> ParleyException.conflict("chatbot_gone",
                                "The chatbot this draft edits was deleted; start a new chatbot instead"));
                store.replace(tx, live.id(), parsed.displayName(), description(parsed), config, now);
                bot = new Chatbot(live.id(), live.workspaceId(), parsed.displayName(), description(parsed), config,
                        live.version() + 1, live.widgetKey(), live.createdBy(), live.createdAt(), now);
            } else {
                String id = Ids.newId();
                BotKey widget = keys.issue(tx, id, "chatbot", draft.workspaceId(), BotKey.WIDGET, "Website widget");
                BotKey secret = keys.issue(tx, id, "chatbot", draft.workspaceId(), BotKey.SECRET, "Default key");
                bot = new Chatbot(id, draft.workspaceId(), parsed.displayName(), description(parsed), config, 1,
                        widget.key(), caller.isApiKey() ? null : caller.userId(), now, now);
                store.insert(tx, bot);
                answer.put("api_key", secret.key());
            }
            drafts.consume(tx, draft);
            return bot;
        });
        drafts.released(draft);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chatbot_id", deployed.id());
        out.put("status", "deployed");
        out.put("version", deployed.version());
        out.put("channels", ChatbotChannels.describe(deployed, parsed, baseUrl));
        out.put("warnings", result.warnings());
        out.putAll(answer);
        return out;
    }

    public List<ChatbotView> list(Principal caller, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.VIEWER);
        return store.inWorkspace(access.workspaceId()).stream().map(ChatbotView::summary).toList();
    }

    public ChatbotView get(Principal caller, String id, String baseUrl) {
        return ChatbotView.full(require(caller, id, Role.VIEWER), baseUrl);
    }

    /** Deep-merges {@code patch} into the live configuration once the result validates. */
    public ChatbotView update(Principal caller, String id, ObjectNode patch, String baseUrl) {
        Chatbot bot = require(caller, id, Role.EDITOR);
        if (patch.has(SOURCE_FIELD)) {
            throw ParleyException.invalidField(SOURCE_FIELD, "'" + SOURCE_FIELD + "' is set by the server, not by a change");
        }
        ObjectNode merged = JsonMerge.merge(bot.config().deepCopy(), patch);
        ChatbotConfig parsed = ChatbotConfig.read(merged); // a bad value is a 400 naming the field, as for a save
        ChatbotValidation.Result result = validation.validate(bot.workspaceId(), merged);
        if (!result.valid()) {
            throw new ParleyException(ParleyException.Kind.VALIDATION_FAILED, "validation_failed",
                    "The change was not saved: " + result.errors().get(0).message(),
                    Map.of("errors", result.errors(), "warnings", result.warnings()));
        }
        db.runInTransaction(tx -> {
            if (!store.replace(tx, bot.id(), parsed.displayName(), description(parsed), merged, clock.now())) {
                throw ParleyException.notFound("Chatbot");
            }
        });
        return ChatbotView.full(require(caller, id, Role.VIEWER), baseUrl);
    }

    public void delete(Principal caller, String id) {
        Chatbot bot = require(caller, id, Role.EDITOR);
        db.runInTransaction(tx -> {
            sessions.deleteForBot(tx, bot.id());
            keys.deleteForBot(tx, bot.id());
            store.delete(tx, bot.id());
        });
    }

    /** A draft holding the live configuration; deploying it replaces the live version. */
    public Draft edit(Principal caller, String id) {
        Chatbot bot = require(caller, id, Role.EDITOR);
        ObjectNode data = bot.config().deepCopy();
        data.put(SOURCE_FIELD, bot.id());
        return drafts.create(caller, DraftType.CHATBOT, Optional.of(bot.workspaceId()), data);
    }

    public Chatbot require(Principal caller, String id, Role role) {
        Chatbot bot = live(id).orElseThrow(() -> ParleyException.notFound("Chatbot"));
        policy.resource(caller, bot.workspaceId(), role, "Chatbot");
        return bot;
    }

    /** The live chatbot for the public routes, which authenticate with its keys instead. */
    public Optional<Chatbot> live(String id) {
        return Optional.ofNullable(id).filter(Ids::looksLikeId).flatMap(store::find);
    }

    public BotKeys keys() {
        return keys;
    }

    private static String description(ChatbotConfig config) {
        return config.description() == null ? "" : config.description().strip();
    }
}
