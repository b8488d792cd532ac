package io.parley.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatbot.ChatAnswer;
import io.parley.server.chatbot.ChatEvents;
import io.parley.server.chatbot.ChatbotEngine;
import io.parley.server.chatbot.Turn;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.ErrorResponses;
import io.parley.server.http.Streamed;
import io.parley.server.inference.ChatMessage;
import io.parley.server.session.BotRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.parley.server.http.Access.PUBLIC;

/**
 * {@code POST /v1/chat/completions} as OpenAI's clients speak it, so any OpenAI SDK can talk to a
 * deployed bot: {@code model} is the bot id, the key is one of the bot's keys, the last user
 * message is the question and the earlier ones are the conversation. The bot's own instructions
 * and knowledge replace any system message the client sends. Answers carry the citations in an
 * extra {@code parley} field that OpenAI clients ignore.
 */
public final class OpenAiCompatibleRoutes {

    private final BotAccess access;
    private final BotRateLimits limits;

    OpenAiCompatibleRoutes(BotAccess access, BotRateLimits limits) {
        this.access = access;
        this.limits = limits;
    }

    /** One message of the request; {@code content} may be text or OpenAI's list of parts. */
    record Message(String role, JsonNode content) {
    }

    /**
     * {@code session_id} (an extra field OpenAI clients can send, e.g. {@code extra_body}) continues a
     * conversation: a chatflow keeps its place in the flow (a question waiting for its answer) in the
     * session, so without it every request starts the flow afresh. The answer's {@code parley.session_id}
     * gives the value to send.
     */
    record CompletionRequest(String model, String sessionId, List<Message> messages, Boolean stream, Double temperature,
                             Integer maxTokens, String user) {
    }

    public void register(ApiRoutes root) {
        root.tagged("openai")
                .post("/v1/chat/completions", PUBLIC, "OpenAI-compatible chat: model = bot id, Bearer = a bot key",
                        CompletionRequest.class, this::complete);
    }

    private Object complete(ApiRequest req) {
        CompletionRequest body = JsonBinding.bind(req.body(JsonNode.class), CompletionRequest.class, null);
        if (body.model() == null || body.model().isBlank()) {
            throw ParleyException.invalidField("model", "'model' is required: use the bot's id");
        }
        BotAccess.Caller caller = access.check(req, body.model().strip());
        List<ChatMessage> conversation = conversation(body.messages());
        ChatMessage last = conversation.get(conversation.size() - 1);
        if (last.role() != ChatMessage.Role.USER) {
            throw ParleyException.invalidField("messages", "The last message must be the user's question");
        }
        ChatbotEngine.checkMessage(last.content());
        limits.take(caller.bot().id(), caller.config().messagesPerHour());
        BotRef bot = caller.ref();
        var engine = caller.answerer();
        Turn turn = new Turn(last.content(), body.sessionId(), endUser(body.user()), "openai", caller.widget(),
                conversation.subList(0, conversation.size() - 1));
        String created = String.valueOf(Instant.now().getEpochSecond());
        if (!Boolean.TRUE.equals(body.stream())) {
            ChatAnswer answer = engine.answer(bot, caller.config(), caller.bot().config(), turn, null);
            if (answer.failed()) {
                throw new ParleyException(ParleyException.Kind.UNAVAILABLE, answer.errorCode(), answer.response(), null);
            }
            return completion(answer, bot.id(), created);
        }
        return new Streamed(sse -> {
            String[] id = {null};
            try {
                ChatAnswer answer = engine.answer(bot, caller.config(), caller.bot().config(), turn, new ChatEvents() {
                    @Override
                    public void started(String sessionId, String messageId) {
                        id[0] = "chatcmpl-" + messageId;
                        sse.sendData(chunk(id[0], bot.id(), created, Map.of("role", "assistant", "content", ""), null));
                    }

                    @Override
                    public void delta(String text) {
                        sse.sendData(chunk(id[0], bot.id(), created, Map.of("content", text), null));
                    }
                });
                if (answer.failed()) {
                    sse.sendData(ErrorResponses.envelope(answer.errorCode(), answer.response(), null));
                } else {
                    Map<String, Object> last0 = chunk(id[0], bot.id(), created, Map.of(), "stop");
                    last0.put("usage", usage(answer));
                    last0.put("parley", extras(answer));
                    sse.sendData(last0);
                }
                sse.sendRaw("[DONE]");
            } catch (ChatbotEngine.ClientGoneException gone) {
                // saved by the engine
            }
        });
    }

    /** OpenAI's {@code user}: the caller's id for its end user, kept on the session. */
    private static com.fasterxml.jackson.databind.node.ObjectNode endUser(String user) {
        if (user == null || user.isBlank()) {
            return null;
        }
        if (user.length() > 256) {
            throw ParleyException.invalidField("user", "'user' must be at most 256 characters");
        }
        com.fasterxml.jackson.databind.node.ObjectNode metadata = io.parley.server.common.Json.mapper().createObjectNode();
        metadata.putObject("user").put("id", user.strip());
        return metadata;
    }

    private static List<ChatMessage> conversation(List<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw ParleyException.invalidField("messages", "'messages' must hold at least the user's question");
        }
        if (messages.size() > 200) {
            throw ParleyException.invalidField("messages", "At most 200 messages");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            String field = "messages[" + i + "]";
            if (m == null || m.role() == null) {
                throw ParleyException.invalidField(field + ".role", "Each message needs a 'role'");
            }
            String text = text(m.content(), field + ".content");
            switch (m.role()) {
                case "user" -> out.add(ChatMessage.user(text));
                case "assistant" -> out.add(ChatMessage.assistant(text));
                case "system", "developer" -> {
                    // the bot's own instructions apply; a client's system prompt cannot replace them
                }
                default -> throw ParleyException.invalidField(field + ".role",
                        "A message's role is system, user or assistant");
            }
        }
        if (out.isEmpty()) {
            throw ParleyException.invalidField("messages", "'messages' must hold the user's question");
        }
        return out;
    }

    private static String text(JsonNode content, String field) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    s.append(part.path("text").asText());
                }
            }
            return s.toString();
        }
        throw ParleyException.invalidField(field, "'content' must be text or a list of text parts");
    }

    private static Map<String, Object> completion(ChatAnswer answer, String botId, String created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "chatcmpl-" + answer.messageId());
        out.put("object", "chat.completion");
        out.put("created", Long.parseLong(created));
        out.put("model", botId);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", Map.of("role", "assistant", "content", answer.response()));
        choice.put("finish_reason", "stop");
        out.put("choices", List.of(choice));
        out.put("usage", usage(answer));
        out.put("parley", extras(answer));
        return out;
    }

    private static Map<String, Object> chunk(String id, String botId, String created, Map<String, Object> delta,
                                             String finishReason) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "chat.completion.chunk");
        out.put("created", Long.parseLong(created));
        out.put("model", botId);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        out.put("choices", List.of(choice));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usage(ChatAnswer answer) {
        Map<String, Object> tokens = (Map<String, Object>) answer.metadata().get("tokens");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prompt_tokens", tokens == null || tokens.get("prompt") == null ? 0 : tokens.get("prompt"));
        out.put("completion_tokens", tokens == null || tokens.get("completion") == null ? 0 : tokens.get("completion"));
        out.put("total_tokens", tokens == null || tokens.get("total") == null ? 0 : tokens.get("total"));
        return out;
    }

    private static Map<String, Object> extras(ChatAnswer answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sources", answer.sources());
        out.put("session_id", answer.sessionId());
        out.put("message_id", answer.messageId());
        out.put("mode", answer.metadata().get("mode"));
        out.putAll(answer.extras()); // a chatflow's messages[] and input request
        return out;
    }
}
