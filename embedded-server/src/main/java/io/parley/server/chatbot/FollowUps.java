package io.parley.server.chatbot;

import io.parley.server.inference.ChatMessage;
import io.parley.server.inference.ChatModel;
import io.parley.server.inference.ChatRequest;
import io.parley.server.inference.ProviderException;
import io.parley.server.inference.ResolvedModel;

import java.util.ArrayList;
import java.util.List;

/** Asks the model for three short follow-up questions after an answer; none when it fails. */
final class FollowUps {

    private FollowUps() {
    }

    static List<String> ask(ChatModel model, ResolvedModel settings, String question, String answer) {
        try {
            String text = model.complete(new ChatRequest(List.of(
                    ChatMessage.system("Suggest three short follow-up questions the user might ask next. "
                            + "Write one question per line, with no numbering and nothing else."),
                    ChatMessage.user("Question: " + question + "\n\nAnswer: " + answer)),
                    settings.modelName(), 0.3, 120, List.of())).content();
            List<String> out = new ArrayList<>();
            for (String line : text.split("\\R")) {
                String q = line.replaceFirst("^\\s*([-*•]|\\d+[.)])\\s*", "").strip();
                if (!q.isEmpty() && q.length() <= 150 && out.size() < 3) {
                    out.add(q);
                }
            }
            return out;
        } catch (ProviderException e) {
            return List.of();
        }
    }
}
