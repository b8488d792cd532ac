package io.parley.server.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;

import java.util.Objects;

/**
 * A workspace's default model: the provider, the model's name (null: none chosen), and the
 * sampling defaults (null: the provider's own). As JSON:
 * {@code {"provider": {"type": "openai_compatible", "base_url": "http://localhost:11434/v1",
 * "credential_id": null, "timeout_seconds": 60, "max_retries": 3}, "model": "llama3.2",
 * "temperature": 0.7, "max_tokens": 1024}}.
 */
public record ModelSettings(ProviderSettings provider, String model, Double temperature, Integer maxTokens) {

    public ModelSettings {
        Objects.requireNonNull(provider, "provider");
    }

    /** What a workspace that saved nothing uses. */
    public static ModelSettings offline() {
        return new ModelSettings(ProviderSettings.offline(), null, null, null);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.set("provider", providerJson(provider));
        node.put("model", model);
        node.put("temperature", temperature);
        node.put("max_tokens", maxTokens);
        return node;
    }

    static ObjectNode providerJson(ProviderSettings provider) {
        ObjectNode node = Json.mapper().createObjectNode().put("type", provider.type());
        if (!provider.isOffline()) {
            node.put("base_url", provider.baseUrl())
                    .put("credential_id", provider.credentialId())
                    .put("timeout_seconds", provider.timeoutSeconds())
                    .put("max_retries", provider.maxRetries());
        }
        return node;
    }
}
