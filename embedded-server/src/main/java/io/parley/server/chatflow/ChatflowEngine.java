package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatbot.Answerer;
import io.parley.server.chatbot.ChatAnswer;
import io.parley.server.chatbot.ChatEvents;
import io.parley.server.chatbot.ChatbotConfig;
import io.parley.server.chatbot.ChatbotEngine;
import io.parley.server.chatbot.Turn;
import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowReader;
import io.parley.server.chatflow.node.NodeServices;
import io.parley.server.chatflow.node.Outbound;
import io.parley.server.chatflow.run.FlowExecutor;
import io.parley.server.chatflow.run.LogEntry;
import io.parley.server.chatflow.run.RunState;
import io.parley.server.chatflow.run.TurnEnv;
import io.parley.server.chatflow.run.TurnOutcome;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.credential.CredentialService;
import io.parley.server.inference.ChatMessage;
import io.parley.server.session.BotRef;
import io.parley.server.session.ChatSession;
import io.parley.server.session.NewMessage;
import io.parley.server.session.SessionService;
import io.parley.server.session.StoredMessage;
import io.parley.server.storage.Database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a visitor with a chatflow: opens the session, loads its flow state, runs the turn,
 * writes the new state under the revision it read (two turns at once on one conversation: the
 * second gets 409 {@code stale_revision} and changes nothing), then saves both messages. The
 * public chat, the OpenAI-compatible endpoint, the widget and the draft's {@code execute} share it.
 */
public final class ChatflowEngine implements Answerer {

    private final Database db;
    private final FlowExecutor executor;
    private final FlowStateStore states;
    private final SessionService sessions;
    private final NodeServices services;
    private final CredentialService credentials;
    private final Clock clock;

    ChatflowEngine(Database db, FlowExecutor executor, SessionService sessions, NodeServices services,
                   CredentialService credentials, Clock clock) {
        this.db = db;
        this.executor = executor;
        this.states = new FlowStateStore(db);
        this.sessions = sessions;
        this.services = services;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A turn's full result: the answer as the chat API gives it, plus the execution log. */
    public record Executed(ChatAnswer answer, TurnOutcome outcome, int revision, String stateHash) {
    }

    @Override
    public ChatAnswer answer(BotRef bot, ChatbotConfig config, ObjectNode raw, Turn turn, ChatEvents events) {
        return run(bot, raw, turn, config, events).answer();
    }

    public Executed run(BotRef bot, ObjectNode document, Turn turn, ChatbotConfig shell, ChatEvents events) {
        String message = ChatbotEngine.checkMessage(turn.message());
        FlowDocument flow = FlowReader.read(document);
        ChatSession session = sessions.open(bot, turn.sessionId(), turn.channel(), ChatbotEngine.sessionMetadata(turn.metadata()));
        if (turn.capped() && shell != null) {
            sessions.checkCaps(bot, session, shell.messagesPerSession(), shell.messagesPerDay());
        }
        Optional<FlowStateStore.Stored> stored = states.find(session.id());
        int revision = stored.map(FlowStateStore.Stored::revision).orElse(0);
        RunState from = stored.map(FlowStateStore.Stored::state)
                .orElseGet(() -> RunState.start(flow.variables(), visitor(session, "user"), context(session, turn)));
        String messageId = Ids.newId();
        if (events != null) {
            events.started(session.id(), messageId);
        }
        TurnEnv env = new TurnEnv(bot.workspaceId(), session.id(), revision, services,
                limit -> history(session.id(), limit), new FlowEffects(db, session.id(), clock),
                name -> credentials.idByName(bot.workspaceId(), name)
                        .map(id -> credentials.reveal(bot.workspaceId(), id, "chatflow " + bot.id())));
        if (events != null) {
            env = env.watchedBy(events::step);
        }
        TurnOutcome outcome = executor.run(flow, from, message, env);
        if (!states.write(session.id(), bot.id(), version(document), outcome.next(), revision, clock.now())) {
            throw ParleyException.conflict("stale_revision", "This conversation moved on while the message was being "
                    + "answered (another message was sent at the same time): send it again");
        }
        FlowStateStore.Stored now = states.find(session.id()).orElseThrow();
        sessions.append(session, NewMessage.user(message));
        ObjectNode saved = Json.mapper().createObjectNode();
        saved.put("type", "chatflow");
        saved.put("status", outcome.status());
        saved.put("nodes_executed", outcome.log().size());
        saved.put("execution_time_ms", outcome.executionTimeMs());
        saved.set("messages", Json.mapper().valueToTree(outcome.messages().stream().map(Outbound::toJson).toList()));
        if (outcome.input() != null) {
            saved.set("input", Json.mapper().valueToTree(outcome.input().toJson()));
        }
        JsonNode sources = Json.mapper().valueToTree(outcome.sources());
        sessions.appendWithId(messageId, session, new NewMessage("assistant", outcome.response(), sources, saved, null,
                null, outcome.executionTimeMs(), outcome.error(), outcome.errorCode()));
        if (events != null) {
            for (Outbound m : outcome.messages()) {
                if (m.text() != null && !m.text().isBlank()) {
                    events.delta(m.text() + "\n\n");
                }
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("mode", "chatflow");
        metadata.put("status", outcome.status());
        metadata.put("execution_time_ms", outcome.executionTimeMs());
        metadata.put("revision", now.revision());
        if (outcome.failed()) {
            metadata.put("error", Map.of("code", outcome.errorCode()));
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("messages", outcome.messages().stream().map(Outbound::toJson).toList());
        extras.put("input", outcome.input() == null ? null : outcome.input().toJson());
        ChatAnswer answer = new ChatAnswer(outcome.response(), outcome.sources(), session.id(), messageId, List.of(),
                metadata, null, extras);
        return new Executed(answer, outcome, now.revision(), now.hash());
    }

    /** Preview: the log as the editor shows it. */
    public static List<Map<String, Object>> log(TurnOutcome outcome) {
        return outcome.log().stream().map(LogEntry::toJson).toList();
    }

    private List<ChatMessage> history(String sessionId, int limit) {
        return sessions.recent(sessionId, limit).stream().map(ChatflowEngine::chatMessage).toList();
    }

    private static ChatMessage chatMessage(StoredMessage m) {
        return "user".equals(m.role()) ? ChatMessage.user(m.content()) : ChatMessage.assistant(m.content());
    }

    private static ObjectNode visitor(ChatSession session, String field) {
        JsonNode v = session.metadata().get(field);
        return v instanceof ObjectNode o ? o : Json.mapper().createObjectNode();
    }

    private static ObjectNode context(ChatSession session, Turn turn) {
        ObjectNode context = Json.mapper().createObjectNode();
        context.put("channel", turn.channel());
        context.put("session_id", session.id());
        JsonNode variables = session.metadata().get("variables");
        if (variables instanceof ObjectNode o) {
            context.setAll(o);
        }
        return context;
    }

    private static int version(ObjectNode document) {
        return document.path("version").asInt(0);
    }
}
