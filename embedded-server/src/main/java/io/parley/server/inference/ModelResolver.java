package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Turns a bot's model settings (or the workspace default) into a ready model, or empty for offline mode. */
public interface ModelResolver {

    /** Every bot answers offline, from its passages. */
    ModelResolver OFFLINE = (workspaceId, botConfig) -> new ResolvedModel(Optional.empty(), null, null, null);

    /**
     * @param botConfig the chatbot's config document, which may carry "provider", "model",
     *                  "temperature", "max_tokens" (all optional, null = the workspace default)
     */
    ResolvedModel resolve(String workspaceId, JsonNode botConfig);
}
