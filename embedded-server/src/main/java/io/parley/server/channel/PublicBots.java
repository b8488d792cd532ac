package io.parley.server.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatbot.Answerer;
import io.parley.server.chatbot.Chatbot;
import io.parley.server.chatbot.ChatbotConfig;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of deployed bots the public routes serve (chatbots, chatflows): how to find one by id,
 * read its shell (appearance, features, channels) and answer with it. Ids are unique across kinds.
 */
public final class PublicBots {

    /**
     * @param type     {@code chatbot} or {@code chatflow}, as sessions and keys name it
     * @param live     the deployed bot by id
     * @param shell    its shell read from the live document
     * @param answerer what answers a visitor
     */
    public record Kind(String type, Function<String, Optional<Chatbot>> live, Function<ObjectNode, ChatbotConfig> shell,
                       Answerer answerer) {
    }

    record Found(Chatbot bot, Kind kind) {
    }

    private final List<Kind> kinds;

    public PublicBots(List<Kind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    Optional<Found> find(String id) {
        for (Kind k : kinds) {
            Optional<Chatbot> bot = k.live().apply(id);
            if (bot.isPresent()) {
                return Optional.of(new Found(bot.get(), k));
            }
        }
        return Optional.empty();
    }
}
