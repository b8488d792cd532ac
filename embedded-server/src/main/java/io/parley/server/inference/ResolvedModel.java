package io.parley.server.inference;

import java.util.Optional;

/**
 * What a chatbot answers with: a ready model (empty in offline mode), the model's name, and the
 * sampling settings (null: the provider's defaults), each the bot's own or the workspace default's.
 */
public record ResolvedModel(Optional<ChatModel> model, String modelName, Double temperature, Integer maxTokens) {
    public boolean offline() {
        return model.isEmpty();
    }
}
