package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.inference.ChatModel;
import io.parley.server.inference.ChatRequest;
import io.parley.server.inference.ChatResponse;
import io.parley.server.inference.ModelResolver;
import io.parley.server.inference.ProviderException;
import io.parley.server.inference.ResolvedModel;
import io.parley.server.inference.TokenUsage;
import io.parley.server.session.BotRef;
import io.parley.server.session.ChatSession;
import io.parley.server.session.NewMessage;
import io.parley.server.session.SessionService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers one message of a chatbot, deployed or previewed: opens the session, retrieves passages
 * from every enabled knowledge base, assembles the prompt (instructions with variables, passages,
 * memory), asks the model — or, with no model configured, quotes the passages — and saves both
 * messages with sources, tokens, latency and any error. The same path serves JSON and streams.
 */
public final class ChatbotEngine implements Answerer {

    public static final int MAX_MESSAGE_CHARS = 4000;
    static final String OFFLINE_MODEL = "offline-extractive";
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");
    private static final Logger LOG = Logger.getLogger(ChatbotEngine.class.getName());

    private final Retriever retriever;
    private final SessionService sessions;
    private final ModelResolver models;

    public ChatbotEngine(io.parley.server.kb.KbSearch search, SessionService sessions, ModelResolver models) {
        this.retriever = new Retriever(search);
        this.sessions = sessions;
        this.models = models;
    }

    /** Checks the message before anything is stored: 400 when empty or longer than {@link #MAX_MESSAGE_CHARS}. */
    public static String checkMessage(String message) {
        if (message == null || message.isBlank()) {
            throw ParleyException.invalidField("message", "'message' is required: type a question");
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw ParleyException.invalidField("message", "The message is too long: at most " + MAX_MESSAGE_CHARS
                    + " characters");
        }
        return message.strip();
    }

    /**
     * @param rawConfig the bot's document (for the model settings)
     * @param events    null for a JSON answer; else the stream's listener
     */
    public ChatAnswer answer(BotRef bot, ChatbotConfig config, ObjectNode rawConfig, Turn turn, ChatEvents events) {
        String question = checkMessage(turn.message());
        ChatSession session = sessions.open(bot, turn.sessionId(), turn.channel(), sessionMetadata(turn.metadata()));
        if (turn.capped()) {
            sessions.checkCaps(bot, session, config.messagesPerSession(), config.messagesPerDay());
        }
        List<io.parley.server.inference.ChatMessage> history = turn.history() != null ? turn.history()
                : config.memoryEnabled() ? PromptBuilder.remembered(sessions.recent(session.id(), config.memoryMessages()))
                : List.of();
        sessions.append(session, NewMessage.user(question));
        String messageId = Ids.newId();
        long started = System.nanoTime();
        StringBuilder produced = new StringBuilder();
        ChatEvents sink = events == null ? null : new ChatEvents() {
            @Override
            public void started(String sessionId, String id) {
                events.started(sessionId, id);
            }

            @Override
            public void delta(String text) {
                events.delta(text);
                produced.append(text);
            }
        };
        if (sink != null) {
            sink.started(session.id(), messageId);
        }
        List<Passage> passages = retriever.retrieve(bot.workspaceId(), config, question);
        ResolvedModel model = models.resolve(bot.workspaceId(), rawConfig);
        String response;
        TokenUsage usage = null;
        String modelName;
        List<String> suggestions = List.of();
        try {
            if (model.offline()) {
                modelName = OFFLINE_MODEL;
                boolean hasKnowledge = config.knowledgeBases().stream().anyMatch(ChatbotConfig.KbLink::isEnabled);
                response = OfflineAnswerer.answer(question, passages, config.citations(), hasKnowledge);
                if (sink != null) {
                    streamWords(response, sink);
                }
                if (config.followUps()) {
                    suggestions = OfflineAnswerer.followUps(passages, question);
                }
            } else {
                ChatModel chat = model.model().get();
                ChatRequest request = new ChatRequest(PromptBuilder.build(config, variables(session), passages, history,
                        question), model.modelName(), model.temperature(), model.maxTokens(), List.of());
                ChatResponse answer = sink == null ? chat.complete(request)
                        : chat.stream(request, sink::delta).result().join();
                response = answer.content();
                usage = answer.usage();
                modelName = answer.model() != null ? answer.model() : model.modelName();
                if (config.followUps()) {
                    suggestions = FollowUps.ask(chat, model, question, response);
                }
            }
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ProviderException pe) {
                return failed(session, messageId, pe, started, model, passages);
            }
            // the listener refused a delta: the client went away mid-stream
            saveDisconnected(session, messageId, produced.toString(), started, model);
            throw new ClientGoneException(cause);
        } catch (ProviderException e) {
            return failed(session, messageId, e, started, model, passages);
        } catch (ClientGoneException | java.io.UncheckedIOException e) {
            saveDisconnected(session, messageId, produced.toString(), started, model);
            throw e instanceof ClientGoneException gone ? gone : new ClientGoneException(e);
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        List<Map<String, Object>> sources = config.citations() ? cited(response, passages) : List.of();
        Map<String, Object> metadata = metadata(model.offline() ? "offline" : "model", modelName, usage, latency);
        ObjectNode saved = Json.mapper().valueToTree(metadata);
        saved.put("type", bot.type());
        saved.put("bot_id", bot.id());
        saved.put("passages", passages.size());
        sessions.appendWithId(messageId, session, new NewMessage("assistant", response, sourcesJson(sources), saved,
                modelName, usage, latency, null, null));
        return new ChatAnswer(response, sources, session.id(), messageId, suggestions, metadata, null);
    }

    private ChatAnswer failed(ChatSession session, String messageId, ProviderException e, long started,
                              ResolvedModel model, List<Passage> passages) {
        long latency = (System.nanoTime() - started) / 1_000_000;
        String friendly = friendly(e.code());
        LOG.log(Level.INFO, "model call failed for session " + session.id() + ": " + e.code().wireName());
        Map<String, Object> metadata = metadata("model", model.modelName(), null, latency);
        metadata.put("error", Map.of("code", e.code().wireName()));
        sessions.appendWithId(messageId, session, new NewMessage("assistant", friendly, null,
                Json.mapper().valueToTree(metadata), model.modelName(), null, latency, e.getMessage(),
                e.code().wireName()));
        return new ChatAnswer(friendly, List.of(), session.id(), messageId, List.of(), metadata, e.code().wireName());
    }

    private void saveDisconnected(ChatSession session, String messageId, String partial, long started,
                                  ResolvedModel model) {
        long latency = (System.nanoTime() - started) / 1_000_000;
        sessions.appendWithId(messageId, session, new NewMessage("assistant", partial, null, null,
                model.offline() ? OFFLINE_MODEL : model.modelName(), null, latency,
                "The visitor left before the answer was complete", "client_disconnected"));
    }

    static String friendly(ProviderException.Code code) {
        return switch (code) {
            case PROVIDER_RATE_LIMITED -> "I'm getting too many questions right now. Please try again in a minute.";
            case PROVIDER_TIMEOUT -> "Sorry, I took too long to think about that. Please try again.";
            default -> "Sorry, I can't answer right now. Please try again in a little while.";
        };
    }

    /** The passages the answer cites, in citation order; all of them when it cites none. */
    static List<Map<String, Object>> cited(String response, List<Passage> passages) {
        java.util.LinkedHashSet<Integer> numbers = new java.util.LinkedHashSet<>();
        Matcher m = CITATION.matcher(response);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        List<Passage> chosen = numbers.isEmpty() ? passages
                : passages.stream().filter(p -> numbers.contains(p.n())).toList();
        return chosen.stream().map(Passage::toSource).toList();
    }

    private static Map<String, Object> metadata(String mode, String model, TokenUsage usage, long latencyMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("model", model);
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("prompt", usage == null ? null : usage.promptTokens());
        tokens.put("completion", usage == null ? null : usage.completionTokens());
        tokens.put("total", usage == null ? null : usage.promptTokens() + usage.completionTokens());
        out.put("tokens", tokens);
        out.put("latency_ms", latencyMs);
        return out;
    }

    private static JsonNode sourcesJson(List<Map<String, Object>> sources) {
        ArrayNode out = Json.mapper().createArrayNode();
        sources.forEach(s -> out.add(Json.mapper().valueToTree(s)));
        return out;
    }

    private static JsonNode variables(ChatSession session) {
        return session.metadata().get("variables");
    }

    /** Keeps what a session should remember about the visitor: {@code user} and {@code variables}. */
    /** What of a visitor's {@code metadata} a session keeps: {@code user} and {@code variables}. */
    public static ObjectNode sessionMetadata(ObjectNode given) {
        if (given == null) {
            return null;
        }
        ObjectNode kept = Json.mapper().createObjectNode();
        for (String field : List.of("user", "variables")) {
            JsonNode value = given.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isObject()) {
                    throw ParleyException.invalidField("metadata." + field, "'metadata." + field + "' must be an object");
                }
                kept.set(field, value);
            }
        }
        if (kept.toString().length() > 8000) {
            throw ParleyException.invalidField("metadata", "'metadata' is too large");
        }
        return kept;
    }

    /** An offline answer streams too, a few words at a time, so every channel behaves the same. */
    private static void streamWords(String text, ChatEvents sink) {
        int from = 0;
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && ++words % 4 == 0) {
                sink.delta(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            sink.delta(text.substring(from));
        }
    }

    /** The client of a stream went away; the partial answer is saved. */
    public static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super("client disconnected", cause, false, false);
        }
    }
}
