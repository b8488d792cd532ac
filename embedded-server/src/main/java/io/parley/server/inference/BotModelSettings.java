package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;

/** The model fields of a chatbot's config, each null when the bot leaves it to the workspace default. */
record BotModelSettings(ProviderSettings provider, String model, Double temperature, Integer maxTokens) {

    static BotModelSettings read(JsonNode config, String prefix) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            return new BotModelSettings(null, null, null, null);
        }
        String at = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
        JsonNode providerNode = config.get("provider");
        ProviderSettings provider = providerNode == null || providerNode.isNull() ? null
                : ModelSettingsReader.provider(providerNode, at + "provider");
        String model = ModelSettingsReader.optional(config, "model", String.class, at + "model");
        return new BotModelSettings(provider,
                model == null ? null : ModelSettingsReader.model(model, at + "model"),
                ModelSettingsReader.temperature(
                        ModelSettingsReader.optional(config, "temperature", Double.class, at + "temperature"),
                        at + "temperature"),
                ModelSettingsReader.maxTokens(
                        ModelSettingsReader.optional(config, "max_tokens", Integer.class, at + "max_tokens"),
                        at + "max_tokens"));
    }
}
