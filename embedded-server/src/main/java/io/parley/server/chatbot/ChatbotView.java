package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/** A deployed chatbot as the API shows it; {@code config} and {@code channels} are left out of lists. */
public record ChatbotView(String id, String workspaceId, String name, String description, String status, int version,
                          Instant createdAt, Instant updatedAt, ObjectNode config, Map<String, Object> channels) {

    static ChatbotView summary(Chatbot bot) {
        return new ChatbotView(bot.id(), bot.workspaceId(), bot.name(), bot.description(), "deployed", bot.version(),
                bot.createdAt(), bot.updatedAt(), null, null);
    }

    static ChatbotView full(Chatbot bot, String baseUrl) {
        return new ChatbotView(bot.id(), bot.workspaceId(), bot.name(), bot.description(), "deployed", bot.version(),
                bot.createdAt(), bot.updatedAt(), bot.config(),
                ChatbotChannels.describe(bot, ChatbotConfig.read(bot.config()), baseUrl));
    }
}
