package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.ParleyException;
import io.parley.server.credential.CredentialService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@link ModelResolver}: the bot's settings over the workspace default, and one shared
 * {@link ChatModel} (with its HTTP client) per workspace and provider settings. The cache key holds
 * the credential's id, never its value; the value is revealed (purpose {@code "chat"}) once, when the
 * model is made. A changed credential or workspace default drops the models made from it: they are
 * closed with the resolver, not at once, so answers already streaming from them finish.
 */
final class CachingModelResolver implements ModelResolver, AutoCloseable {

    /** What a cached model was made from. No secret: safe in logs. */
    record Key(String workspaceId, String baseUrl, String model, String credentialId, int timeoutSeconds,
               int maxRetries) {
    }

    private final ModelSettingsService settings;
    private final CredentialService credentials;
    private final Function<OpenAiCompatibleSettings, ChatModel> factory;
    private final Map<Key, ChatModel> models = new ConcurrentHashMap<>();
    private final List<ChatModel> retired = new ArrayList<>();
    private volatile boolean closed;

    CachingModelResolver(ModelSettingsService settings, CredentialService credentials,
                         Function<OpenAiCompatibleSettings, ChatModel> factory) {
        this.settings = settings;
        this.credentials = credentials;
        this.factory = factory;
    }

    @Override
    public ResolvedModel resolve(String workspaceId, JsonNode botConfig) {
        BotModelSettings bot = BotModelSettings.read(botConfig, "");
        ModelSettings defaults = settings.settingsOf(workspaceId);
        ProviderSettings provider = bot.provider() != null ? bot.provider() : defaults.provider();
        String model = bot.model() != null ? bot.model() : defaults.model();
        Double temperature = bot.temperature() != null ? bot.temperature() : defaults.temperature();
        Integer maxTokens = bot.maxTokens() != null ? bot.maxTokens() : defaults.maxTokens();
        if (provider.isOffline()) {
            return new ResolvedModel(Optional.empty(), model, temperature, maxTokens);
        }
        if (model == null) {
            throw ParleyException.invalidField("model", "No model is chosen: set 'model' on the chatbot, or in the "
                    + "workspace's default model");
        }
        if (closed) {
            throw new IllegalStateException("the server is stopping");
        }
        Key key = new Key(workspaceId, provider.baseUrl(), model, provider.credentialId(), provider.timeoutSeconds(),
                provider.maxRetries());
        ChatModel chatModel = models.computeIfAbsent(key, k -> factory.apply(provider.toOpenAi(model,
                k.credentialId() == null ? null : credentials.reveal(workspaceId, k.credentialId(), "chat"))));
        return new ResolvedModel(Optional.of(chatModel), model, temperature, maxTokens);
    }

    /** How many models are cached (tests). */
    int cachedModels() {
        return models.size();
    }

    void invalidateWorkspace(String workspaceId) {
        retire(k -> k.workspaceId().equals(workspaceId));
    }

    void invalidateCredential(String credentialId) {
        retire(k -> credentialId.equals(k.credentialId()));
    }

    private void retire(Predicate<Key> which) {
        for (Key key : List.copyOf(models.keySet())) {
            if (which.test(key)) {
                ChatModel model = models.remove(key);
                if (model != null) {
                    synchronized (retired) {
                        retired.add(model);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        List<ChatModel> all = new ArrayList<>(models.values());
        models.clear();
        synchronized (retired) {
            all.addAll(retired);
            retired.clear();
        }
        all.forEach(ChatModel::close);
    }
}
