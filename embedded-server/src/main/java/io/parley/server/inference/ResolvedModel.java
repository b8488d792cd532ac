package io.parley.server.inference;

import java.util.Optional;

/** The model a bot answers with, with its generation settings; an empty model means offline mode. */
public record ResolvedModel(Optional<ChatModel> model, String modelName, Double temperature, Integer maxTokens) {

    public boolean offline() {
        return model.isEmpty();
    }
}
