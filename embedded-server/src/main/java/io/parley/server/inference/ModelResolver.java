package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a bot's model settings (or the workspace default) into a ready model, or empty for offline mode.
 *
 * <pre>{@code
 * ResolvedModel resolved = resolver.resolve(workspaceId, chatbot.config());
 * if (resolved.offline()) {
 *     // extractive answer from the knowledge base
 * } else {
 *     ChatRequest request = new ChatRequest(messages, resolved.modelName(), resolved.temperature(),
 *             resolved.maxTokens(), List.of());
 *     resolved.model().get().stream(request, listener);
 * }
 * }</pre>
 *
 * Models are shared and owned by the resolver: callers never close them.
 */
public interface ModelResolver {

    /** Every bot answers offline, from its passages (tests, and code that runs without a model). */
    ModelResolver OFFLINE = (workspaceId, botConfig) -> new ResolvedModel(java.util.Optional.empty(), null, null, null);

    /**
     * botConfig: the chatbot's config document (JSON) which may carry "provider", "model",
     * "temperature", "max_tokens" (all optional, null = workspace default).
     *
     * @throws io.parley.server.common.ParleyException 400 naming the field when the bot's settings are
     *         invalid or no model is chosen; 404 when the provider's credential is not in the workspace;
     *         409 {@code credential_unreadable} when it cannot be decrypted
     */
    ResolvedModel resolve(String workspaceId, JsonNode botConfig);

    /**
     * Checks a bot's {@code "provider"} object (the chatbot draft check calls this) and returns it
     * read; 400 {@code invalid_field} naming {@code field + ".base_url"} and so on. Whether its
     * {@code credential_id} exists in the workspace is checked when the model is resolved.
     */
    static ProviderSettings validateProvider(JsonNode provider, String field) {
        return ModelSettingsReader.provider(provider, field);
    }

    /**
     * Checks the model fields of a bot's config ({@code provider}, {@code model}, {@code temperature},
     * {@code max_tokens}; each optional, null = the workspace default). {@code prefix} is where the
     * config sits in the request ({@code "config"} gives {@code config.temperature}), or "" at the top.
     */
    static void validateBotSettings(JsonNode botConfig, String prefix) {
        BotModelSettings.read(botConfig, prefix);
    }
}
