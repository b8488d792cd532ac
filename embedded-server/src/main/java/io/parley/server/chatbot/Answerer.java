package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.session.BotRef;

/**
 * Answers one visitor message for a bot: chatbots through {@link ChatbotEngine}, chatflows through
 * theirs. {@code config} is the bot's shell (appearance, features, channels); {@code raw} the whole
 * live document. {@code events} (null for a JSON reply) receives the answer as it streams.
 */
public interface Answerer {

    ChatAnswer answer(BotRef bot, ChatbotConfig config, ObjectNode raw, Turn turn, ChatEvents events);
}
