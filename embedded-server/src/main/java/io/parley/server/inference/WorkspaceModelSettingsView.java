package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** The answer of models/default: the settings document, its workspace, and when it was saved (null: never). */
public record WorkspaceModelSettingsView(String workspaceId, JsonNode provider, String model, Double temperature,
                                         Integer maxTokens, Instant updatedAt) {

    static WorkspaceModelSettingsView of(String workspaceId, ModelSettings settings, Instant updatedAt) {
        return new WorkspaceModelSettingsView(workspaceId, ModelSettings.providerJson(settings.provider()),
                settings.model(), settings.temperature(), settings.maxTokens(), updatedAt);
    }
}
