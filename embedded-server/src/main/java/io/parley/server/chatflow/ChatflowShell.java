package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatbot.ChatbotConfig;
import io.parley.server.common.Json;

import java.util.List;

/**
 * The parts of a chatflow document a chatbot has too: name, description, appearance, features
 * (feedback, rate limits), lead capture and channels. Read with the chatbot's reader, so the
 * widget, keys, origins and rate limits treat both alike.
 */
public final class ChatflowShell {

    private static final List<String> FIELDS = List.of("name", "description", "category", "visibility", "appearance",
            "features", "lead_capture", "deployment");

    private ChatflowShell() {
    }

    public static ChatbotConfig read(ObjectNode flowDocument) {
        ObjectNode shell = Json.mapper().createObjectNode();
        for (String f : FIELDS) {
            if (flowDocument.has(f)) {
                shell.set(f, flowDocument.get(f));
            }
        }
        return ChatbotConfig.read(shell);
    }
}
