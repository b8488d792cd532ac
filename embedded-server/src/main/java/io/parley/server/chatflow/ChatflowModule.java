package io.parley.server.chatflow;

import io.parley.server.botkey.BotKeys;
import io.parley.server.channel.PublicBots;
import io.parley.server.chatbot.ChatbotStore;
import io.parley.server.chatflow.code.CodeSandbox;
import io.parley.server.chatflow.graph.FlowReader;
import io.parley.server.chatflow.http.HttpCaller;
import io.parley.server.chatflow.node.NodeServices;
import io.parley.server.chatflow.node.NodeTypes;
import io.parley.server.chatflow.run.Expressions;
import io.parley.server.chatflow.run.FlowExecutor;
import io.parley.server.chatflow.run.FlowValidation;
import io.parley.server.chatflow.run.ReferenceReader;
import io.parley.server.common.Clock;
import io.parley.server.credential.CredentialService;
import io.parley.server.draft.DraftRoutes;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.handoff.HandoffRoutes;
import io.parley.server.handoff.HandoffService;
import io.parley.server.http.ApiRoutes;
import io.parley.server.inference.ModelResolver;
import io.parley.server.kb.KbSearch;
import io.parley.server.session.SessionService;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;

import java.util.Set;

/**
 * Wires chatflows by hand: drafts, validation, the executor and its node types, deploy. Owns the
 * HTTP client and the JavaScript engine the nodes share; closing the module closes them.
 */
public final class ChatflowModule implements AutoCloseable {

    private final DraftRoutes draftRoutes;
    private final ChatflowRoutes routes;
    private final ChatflowService chatflows;
    private final ChatflowEngine engine;
    private final HandoffService handoffs;
    private final HttpCaller http = new HttpCaller();
    private final CodeSandbox code = new CodeSandbox();

    public ChatflowModule(Database db, DraftService drafts, KbSearch search, ModelResolver models,
                          CredentialService credentials, SessionService sessions, BotKeys keys, AccessPolicy policy,
                          io.parley.server.lead.LeadService leads, Clock clock, Expressions expressions,
                          ReferenceReader references) {
        NodeTypes types = new NodeTypes();
        FlowExecutor executor = new FlowExecutor(types, expressions);
        ChatbotStore flows = ChatbotStore.chatflows(db);
        this.handoffs = new HandoffService(db, sessions, policy, clock);
        NodeServices services = new NodeServices(search, models, credentials,
                (workspaceId, sessionId, reason, priority) -> handoffs.open(workspaceId,
                        sessions.byId(sessionId).map(s -> s.botId()).orElse(""), sessionId, reason, priority).id(),
                (workspaceId, flowId) -> flows.find(flowId).filter(f -> f.workspaceId().equals(workspaceId))
                        .map(f -> FlowReader.read(f.config())), http, code);
        this.engine = new ChatflowEngine(db, executor, sessions, services, credentials, clock);
        FlowWorkspace workspaces = new FlowWorkspace(search, credentials, flows);
        this.chatflows = new ChatflowService(db, drafts, new FlowValidation(types, references), workspaces, engine, keys,
                sessions, policy, clock);
        this.draftRoutes = new DraftRoutes(drafts, DraftType.CHATFLOW, Set.of(ChatflowService.SOURCE_FIELD),
                (changes, document) -> {
                    FlowReader.read(document);
                    ChatflowShell.read(document);
                });
        this.routes = new ChatflowRoutes(chatflows, leads);
    }

    public void register(ApiRoutes api) {
        draftRoutes.register(api);
        routes.register(api);
        new HandoffRoutes(handoffs).register(api);
    }

    /** How the public routes find and answer with chatflows. */
    public PublicBots.Kind publicKind() {
        return new PublicBots.Kind("chatflow", chatflows::live, ChatflowShell::read, engine);
    }

    @Override
    public void close() {
        code.close();
        http.close();
    }

    public ChatflowService chatflows() {
        return chatflows;
    }

    public ChatflowEngine engine() {
        return engine;
    }
}
