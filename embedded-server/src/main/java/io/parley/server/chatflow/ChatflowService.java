package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.botkey.BotKeys;
import io.parley.server.chatbot.BotLifecycle;
import io.parley.server.chatbot.Chatbot;
import io.parley.server.chatbot.ChatbotChannels;
import io.parley.server.chatbot.ChatbotConfig;
import io.parley.server.chatbot.ChatbotStore;
import io.parley.server.chatbot.Turn;
import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowReader;
import io.parley.server.chatflow.run.FlowIssue;
import io.parley.server.chatflow.run.FlowValidation;
import io.parley.server.chatflow.run.RunState;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.draft.JsonMerge;
import io.parley.server.session.BotRef;
import io.parley.server.session.ChatSession;
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
 * Chatflows: validate and test-run drafts, deploy them (a new flow, or a new version of the flow
 * an edit draft came from), and manage deployed flows and their conversations' state.
 */
public final class ChatflowService {

    /** The field of an edit draft that names the live chatflow it will replace. */
    public static final String SOURCE_FIELD = "chatflow_id";

    private final ChatbotStore store;
    private final BotLifecycle lifecycle;
    private final DraftService drafts;
    private final FlowValidation validation;
    private final FlowWorkspace workspaces;
    private final ChatflowEngine engine;
    private final FlowStateStore states;
    private final SessionService sessions;
    private final AccessPolicy policy;
    private final Clock clock;

    ChatflowService(Database db, DraftService drafts, FlowValidation validation, FlowWorkspace workspaces,
                    ChatflowEngine engine, BotKeys keys, SessionService sessions, AccessPolicy policy, Clock clock) {
        this.store = ChatbotStore.chatflows(db);
        this.lifecycle = new BotLifecycle(db, store, drafts, keys, sessions, DraftType.CHATFLOW, SOURCE_FIELD, clock);
        this.drafts = drafts;
        this.validation = validation;
        this.workspaces = workspaces;
        this.engine = engine;
        this.states = new FlowStateStore(db);
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
    }

    public FlowValidation.Result validate(Principal caller, String draftId) {
        Draft draft = drafts.require(caller, DraftType.CHATFLOW, draftId, Role.VIEWER);
        return validate(draft.workspaceId(), draft.data());
    }

    FlowValidation.Result validate(String workspaceId, ObjectNode document) {
        FlowDocument flow = FlowReader.read(document);
        return validation.validate(flow, workspaces.of(workspaceId));
    }

    /** {@code execute}: a test run of the draft in a preview conversation, with its execution log. */
    public Map<String, Object> execute(Principal caller, String draftId, String input, String sessionId, ObjectNode metadata) {
        return execute(caller, draftId, input, sessionId, metadata, null);
    }

    /** {@link #execute}, telling {@code events} (when not null) of the session and of each node as it starts. */
    public Map<String, Object> execute(Principal caller, String draftId, String input, String sessionId, ObjectNode metadata,
                                       io.parley.server.chatbot.ChatEvents events) {
        Draft draft = drafts.require(caller, DraftType.CHATFLOW, draftId, Role.VIEWER);
        ChatflowShell.read(draft.data());
        BotRef bot = new BotRef("chatflow", draft.id(), draft.workspaceId());
        ChatflowEngine.Executed run = engine.run(bot, draft.data(), new Turn(input, sessionId, metadata, "preview", false),
                null, events);
        Map<String, Object> out = new LinkedHashMap<>(run.answer().toJson());
        out.put("output", run.answer().response());
        out.put("status", run.outcome().status());
        out.put("error", run.outcome().error());
        out.put("error_code", run.outcome().errorCode());
        out.put("execution_log", ChatflowEngine.log(run.outcome()));
        out.put("execution_time_ms", run.outcome().executionTimeMs());
        out.put("state", stateJson(run.outcome().next(), run.revision(), run.stateHash()));
        return out;
    }

    public Map<String, Object> deploy(Principal caller, String draftId, String baseUrl) {
        Draft draft = drafts.require(caller, DraftType.CHATFLOW, draftId, Role.EDITOR);
        FlowValidation.Result result = validate(draft.workspaceId(), draft.data());
        if (!result.valid()) {
            throw new ParleyException(ParleyException.Kind.VALIDATION_FAILED, "validation_failed",
                    "The chatflow cannot be deployed yet: " + describe(result.errors().get(0)),
                    Map.of("errors", result.errors(), "warnings", result.warnings()));
        }
        ObjectNode config = lifecycle.document(draft);
        ChatbotConfig shell = ChatflowShell.read(config);
        BotLifecycle.Deployed done = lifecycle.deploy(caller, draft, config, name(config),
                config.path("description").asText("").strip());
        Chatbot deployed = done.bot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chatflow_id", deployed.id());
        out.put("status", "deployed");
        out.put("version", deployed.version());
        out.put("channels", ChatbotChannels.describe(deployed, shell, baseUrl));
        out.put("warnings", result.warnings());
        if (done.secretKey() != null) {
            out.put("api_key", done.secretKey());
        }
        return out;
    }

    public List<Map<String, Object>> list(Principal caller, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.VIEWER);
        return store.inWorkspace(access.workspaceId()).stream().map(f -> view(f, null, false)).toList();
    }

    public Map<String, Object> get(Principal caller, String id, String baseUrl) {
        return view(require(caller, id, Role.VIEWER), baseUrl, true);
    }

    /** Deep-merges {@code patch} into the live flow once the result validates. */
    public Map<String, Object> update(Principal caller, String id, ObjectNode patch, String baseUrl) {
        Chatbot flow = require(caller, id, Role.EDITOR);
        if (patch.has(SOURCE_FIELD)) {
            throw ParleyException.invalidField(SOURCE_FIELD, "'" + SOURCE_FIELD + "' is set by the server, not by a change");
        }
        ObjectNode merged = JsonMerge.merge(flow.config().deepCopy(), patch);
        ChatflowShell.read(merged);
        FlowValidation.Result result = validate(flow.workspaceId(), merged);
        if (!result.valid()) {
            throw new ParleyException(ParleyException.Kind.VALIDATION_FAILED, "validation_failed",
                    "The change was not saved: " + describe(result.errors().get(0)),
                    Map.of("errors", result.errors(), "warnings", result.warnings()));
        }
        lifecycle.replace(flow, name(merged), merged.path("description").asText("").strip(), merged);
        return get(caller, id, baseUrl);
    }

    public void delete(Principal caller, String id) {
        lifecycle.delete(require(caller, id, Role.EDITOR));
    }

    /** A draft holding the live flow; deploying it replaces the live version. */
    public Draft edit(Principal caller, String id) {
        return lifecycle.edit(caller, require(caller, id, Role.EDITOR));
    }

    /** The format version of exported flow files; an import refuses newer ones. */
    public static final int FILE_FORMAT = 1;
    public static final String FILE_MARKER = "parley_chatflow";

    /** A flow as a file: a draft's or a deployed flow's document, without server-owned fields. */
    public Map<String, Object> export(Principal caller, String id, boolean draft) {
        ObjectNode document;
        if (draft) {
            document = drafts.require(caller, DraftType.CHATFLOW, id, Role.VIEWER).data().deepCopy();
        } else {
            document = require(caller, id, Role.VIEWER).config().deepCopy();
        }
        document.remove(SOURCE_FIELD);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put(FILE_MARKER, FILE_FORMAT);
        file.put("exported_at", clock.now().toString());
        file.put("name", name(document));
        file.put("flow", document);
        return file;
    }

    /**
     * A new draft from an exported file. The file's shape is checked as a save checks a draft;
     * what it refers to in another workspace (knowledge bases, credentials) is reported by the
     * validation that comes back with the draft.
     */
    public Map<String, Object> importFile(Principal caller, Optional<String> workspaceId, JsonNode file) {
        if (file == null || !file.isObject() || !file.has(FILE_MARKER)) {
            throw ParleyException.invalidField(FILE_MARKER, "This is not a Parley chatflow file (no '" + FILE_MARKER + "')");
        }
        JsonNode format = file.get(FILE_MARKER);
        if (!format.isIntegralNumber() || format.asInt() < 1) {
            throw ParleyException.invalidField(FILE_MARKER, "'" + FILE_MARKER + "' must be the file format number");
        }
        if (format.asInt() > FILE_FORMAT) {
            throw ParleyException.invalidField(FILE_MARKER, "This file was made by a newer Parley (format " + format.asInt()
                    + "); this one reads format " + FILE_FORMAT + ". Update Parley to import it");
        }
        if (!(file.get("flow") instanceof ObjectNode flow)) {
            throw ParleyException.invalidField("flow", "The file has no flow");
        }
        ObjectNode document = flow.deepCopy();
        document.remove(SOURCE_FIELD);
        try {
            FlowReader.read(document);
            ChatflowShell.read(document);
        } catch (ParleyException e) {
            Object field = e.details().get("field");
            throw ParleyException.invalidField("flow." + (field == null ? "" : field), "The file's flow is not valid: "
                    + e.getMessage());
        }
        Draft draft = drafts.create(caller, DraftType.CHATFLOW, workspaceId, document);
        FlowValidation.Result result = validate(draft.workspaceId(), draft.data());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draft_id", draft.id());
        out.put("status", "draft");
        out.put("valid", result.valid());
        out.put("errors", result.errors());
        out.put("warnings", result.warnings());
        return out;
    }

    public List<ChatSession> sessions(Principal caller, String id, int limit) {
        return sessions.forBot(require(caller, id, Role.VIEWER).id(), limit);
    }

    /** A conversation's flow state: revision, hash, the question it waits on, the variables. */
    public Map<String, Object> state(Principal caller, String sessionId) {
        ChatSession session = sessions.require(caller, sessionId, Role.VIEWER);
        FlowStateStore.Stored stored = states.find(session.id())
                .orElseThrow(() -> ParleyException.notFound("Flow state"));
        return stateJson(stored.state(), stored.revision(), stored.hash());
    }

    /**
     * Changes a conversation's variables ({@code vars}, {@code user}, {@code context} are
     * deep-merged) if {@code revision} is still the current one; 409 {@code stale_revision} otherwise.
     */
    public Map<String, Object> updateState(Principal caller, String sessionId, Integer revision, ObjectNode changes) {
        ChatSession session = sessions.require(caller, sessionId, Role.EDITOR);
        if (revision == null) {
            throw ParleyException.invalidField("revision", "Send the 'revision' you read, so a newer change is not overwritten");
        }
        FlowStateStore.Stored stored = states.find(session.id()).orElseThrow(() -> ParleyException.notFound("Flow state"));
        if (stored.revision() != revision) {
            throw stale(stored.revision());
        }
        ObjectNode state = stored.state().state().deepCopy();
        for (String scope : List.of("vars", "user", "context")) {
            JsonNode change = changes.get(scope);
            if (change != null && !change.isNull()) {
                if (!change.isObject()) {
                    throw ParleyException.invalidField(scope, "'" + scope + "' must be an object of names and values");
                }
                JsonMerge.merge((ObjectNode) state.get(scope), (ObjectNode) change);
            }
        }
        RunState next = new RunState(state, stored.state().waitingOn(), stored.state().scratch());
        if (!states.write(session.id(), stored.flowId(), stored.flowVersion(), next, revision, clock.now())) {
            throw stale(states.find(session.id()).map(FlowStateStore.Stored::revision).orElse(-1));
        }
        FlowStateStore.Stored now = states.find(session.id()).orElseThrow();
        return stateJson(now.state(), now.revision(), now.hash());
    }

    private static ParleyException stale(int current) {
        return new ParleyException(ParleyException.Kind.CONFLICT, "stale_revision", "The conversation's state changed since "
                + "you read it (now revision " + current + "): read it again and reapply your change",
                Map.of("current_revision", current));
    }

    static Map<String, Object> stateJson(RunState state, int revision, String hash) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("revision", revision);
        out.put("state_hash", hash);
        out.put("waiting_on", state.waitingOn());
        for (String scope : List.of("vars", "user", "context", "temp")) {
            out.put(scope, state.state().get(scope));
        }
        out.put("nodes", state.state().get("nodes"));
        return out;
    }

    public Chatbot require(Principal caller, String id, Role role) {
        Chatbot flow = live(id).orElseThrow(() -> ParleyException.notFound("Chatflow"));
        policy.resource(caller, flow.workspaceId(), role, "Chatflow");
        return flow;
    }

    public Optional<Chatbot> live(String id) {
        return Optional.ofNullable(id).filter(Ids::looksLikeId).flatMap(store::find);
    }

    private Map<String, Object> view(Chatbot flow, String baseUrl, boolean full) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", flow.id());
        out.put("workspace_id", flow.workspaceId());
        out.put("name", flow.name());
        out.put("description", flow.description());
        out.put("status", "deployed");
        out.put("version", flow.version());
        out.put("created_at", flow.createdAt());
        out.put("updated_at", flow.updatedAt());
        if (full) {
            out.put("config", flow.config());
            out.put("channels", ChatbotChannels.describe(flow, ChatflowShell.read(flow.config()), baseUrl));
        }
        return out;
    }

    private static String name(ObjectNode config) {
        String name = config.path("name").asText("").strip();
        return name.isEmpty() ? "Untitled chatflow" : name;
    }

    private static String describe(FlowIssue issue) {
        return (issue.nodeId() == null ? "" : "node " + issue.nodeId() + ": ") + issue.message();
    }

    static ObjectNode emptyObject() {
        return Json.mapper().createObjectNode();
    }
}
