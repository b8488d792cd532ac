package io.parley.server.inference;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Which model server a workspace or a chatbot uses: {@code offline} (no model server: answers are
 * put together from the knowledge base), or an {@code openai_compatible} server at {@code baseUrl}
 * with the API key of the credential {@code credentialId} (null for local servers such as Ollama).
 * Read from JSON by {@link ModelResolver#validateProvider}.
 */
public record ProviderSettings(String type, String baseUrl, String credentialId, int timeoutSeconds, int maxRetries) {

    public static final String OFFLINE = "offline";
    public static final String OPENAI_COMPATIBLE = "openai_compatible";
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_MAX_RETRIES = 3;

    public ProviderSettings {
        Objects.requireNonNull(type, "type");
        if (OPENAI_COMPATIBLE.equals(type)) {
            Objects.requireNonNull(baseUrl, "baseUrl");
        }
    }

    public static ProviderSettings offline() {
        return new ProviderSettings(OFFLINE, null, null, DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_RETRIES);
    }

    public static ProviderSettings openAiCompatible(String baseUrl, String credentialId, int timeoutSeconds,
                                                    int maxRetries) {
        return new ProviderSettings(OPENAI_COMPATIBLE, baseUrl, credentialId, timeoutSeconds, maxRetries);
    }

    public boolean isOffline() {
        return OFFLINE.equals(type);
    }

    /** The provider's settings for {@code model}, with the revealed {@code apiKey} (may be null). */
    OpenAiCompatibleSettings toOpenAi(String model, String apiKey) {
        return OpenAiCompatibleSettings.of(URI.create(baseUrl), model, apiKey)
                .withTimeout(Duration.ofSeconds(timeoutSeconds))
                .withRetries(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(20));
    }
}
