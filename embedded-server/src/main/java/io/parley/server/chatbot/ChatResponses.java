package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ErrorResponses;
import io.parley.server.http.Streamed;
import io.parley.server.session.BotRef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an answer into the HTTP reply shared by the preview and the public chat: JSON, or
 * server-sent events ({@code start}, {@code delta}..., {@code done} or {@code error}) when the
 * client accepts {@code text/event-stream}. A failed model call is a 503 with the friendly message.
 */
public final class ChatResponses {

    private ChatResponses() {
    }

    public static boolean wantsStream(ApiRequest req) {
        return req.header("Accept").map(a -> a.contains("text/event-stream")).orElse(false);
    }

    public static Object reply(ApiRequest req, Answerer engine, BotRef bot, ChatbotConfig config, ObjectNode raw,
                               Turn turn) {
        if (!wantsStream(req)) {
            ChatAnswer answer = engine.answer(bot, config, raw, turn, null);
            if (answer.failed()) {
                throw failure(answer);
            }
            return answer.toJson();
        }
        return new Streamed(sse -> {
            try {
                ChatAnswer answer = engine.answer(bot, config, raw, turn, new ChatEvents() {
                    @Override
                    public void started(String sessionId, String messageId) {
                        Map<String, Object> start = new LinkedHashMap<>(); // session first, as documented
                        start.put("session_id", sessionId);
                        start.put("message_id", messageId);
                        sse.send("start", start);
                    }

                    @Override
                    public void delta(String text) {
                        sse.send("delta", Map.of("text", text));
                    }
                });
                if (answer.failed()) {
                    ParleyException e = failure(answer);
                    sse.send("error", ErrorResponses.envelope(e.code(), e.getMessage(), e.details()));
                } else {
                    sse.send("done", answer.toJson());
                }
            } catch (ChatbotEngine.ClientGoneException gone) {
                // saved by the engine; nobody is listening any more
            }
        });
    }

    private static ParleyException failure(ChatAnswer answer) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session_id", answer.sessionId());
        details.put("message_id", answer.messageId());
        return new ParleyException(ParleyException.Kind.UNAVAILABLE, answer.errorCode(), answer.response(), details);
    }
}
