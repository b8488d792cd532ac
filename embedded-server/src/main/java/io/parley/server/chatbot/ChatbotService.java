package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private final ChatbotStore store;
    private final BotLifecycle lifecycle;
    private final DraftService drafts;
    private final ChatbotValidation validation;
    private final BotKeys keys;
    private final AccessPolicy policy;

    public ChatbotService(Database db, DraftService drafts, ChatbotValidation validation, BotKeys keys,
                          SessionService sessions, AccessPolicy policy, Clock clock) {
        this.store = new ChatbotStore(db);
        this.lifecycle = new BotLifecycle(db, store, drafts, keys, sessions, DraftType.CHATBOT, SOURCE_FIELD, clock);
        this.drafts = drafts;
        this.validation = validation;
        this.keys = keys;
        this.policy = policy;
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
        ObjectNode config = lifecycle.document(draft);
        ChatbotConfig parsed = ChatbotConfig.read(config);
        BotLifecycle.Deployed done = lifecycle.deploy(caller, draft, config, parsed.displayName(), description(parsed));
        Chatbot deployed = done.bot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chatbot_id", deployed.id());
        out.put("status", "deployed");
        out.put("version", deployed.version());
        out.put("channels", ChatbotChannels.describe(deployed, parsed, baseUrl));
        out.put("warnings", result.warnings());
        if (done.secretKey() != null) {
            out.put("api_key", done.secretKey());
        }
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
        lifecycle.replace(bot, parsed.displayName(), description(parsed), merged);
        return ChatbotView.full(require(caller, id, Role.VIEWER), baseUrl);
    }

    public void delete(Principal caller, String id) {
        lifecycle.delete(require(caller, id, Role.EDITOR));
    }

    /** A draft holding the live configuration; deploying it replaces the live version. */
    public Draft edit(Principal caller, String id) {
        return lifecycle.edit(caller, require(caller, id, Role.EDITOR));
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
