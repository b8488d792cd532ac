package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.credential.CredentialService;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Test connection": sends a tiny real chat completion with the given provider and model (or the
 * workspace default's) and says in plain words what went wrong. A failure is an answer
 * ({@code ok: false}), not an error: only bad input is a 400.
 */
final class ConnectionCheck {

    static final String PROMPT = "Reply with the single word: OK";

    /** The body: each field optional, missing = the workspace default's. */
    record Body(JsonNode provider, String model, String workspaceId) {
    }

    private final ModelSettingsService settings;
    private final CredentialService credentials;
    private final AccessPolicy policy;
    private final Function<OpenAiCompatibleSettings, ChatModel> factory;

    ConnectionCheck(ModelSettingsService settings, CredentialService credentials, AccessPolicy policy,
                    Function<OpenAiCompatibleSettings, ChatModel> factory) {
        this.settings = settings;
        this.credentials = credentials;
        this.policy = policy;
        this.factory = factory;
    }

    ConnectionTestResult test(Principal caller, Optional<String> workspaceId, JsonNode json) {
        Body body = JsonBinding.bind(json, Body.class, null);
        WorkspaceAccess access = policy.workspaceOrDefault(caller,
                Optional.ofNullable(body.workspaceId()).filter(s -> !s.isBlank()).or(() -> workspaceId), Role.EDITOR);
        if (json.has("provider") && json.get("provider").isNull()) {
            throw ParleyException.invalidField("provider", "'provider' must not be null: leave it out to test the "
                    + "workspace's default model");
        }
        ModelSettings defaults = settings.settingsOf(access.workspaceId());
        ProviderSettings provider = body.provider() == null ? defaults.provider()
                : ModelSettingsReader.provider(body.provider(), "provider");
        String model = body.model() != null ? ModelSettingsReader.model(body.model(), "model") : defaults.model();
        if (provider.isOffline()) {
            return new ConnectionTestResult(true, 0, model, "Offline mode: answers are put together from the "
                    + "knowledge base, with no model server to reach", null);
        }
        if (model == null) {
            throw ParleyException.invalidField("model", "Name the model to test, for example 'llama3.2'");
        }
        settings.checkCredential(access.workspaceId(), provider, "provider");
        String apiKey;
        try {
            apiKey = provider.credentialId() == null ? null
                    : credentials.reveal(access.workspaceId(), provider.credentialId(), "test_connection");
        } catch (ParleyException e) {
            return new ConnectionTestResult(false, 0, model, e.getMessage(), e.code());
        }
        long start = System.nanoTime();
        try (ChatModel chat = factory.apply(provider.toOpenAi(model, apiKey).withRetries(0, Duration.ofMillis(500),
                Duration.ofSeconds(20)))) {
            ChatResponse answer = chat.complete(ChatRequest.of(ChatMessage.user(PROMPT)).withTemperature(0)
                    .withMaxTokens(8));
            long ms = elapsed(start);
            String answered = answer.model() == null || answer.model().isBlank() ? model : answer.model();
            return new ConnectionTestResult(true, ms, answered, "Connected: " + answered + " answered in " + ms
                    + " ms", null);
        } catch (ProviderException e) {
            return new ConnectionTestResult(false, elapsed(start), model, explain(e, provider), e.code().wireName());
        } catch (RuntimeException e) {
            return new ConnectionTestResult(false, elapsed(start), model, "The test did not finish: "
                    + e.getClass().getSimpleName(), "provider_error");
        }
    }

    static String explain(ProviderException e, ProviderSettings provider) {
        return switch (e.code()) {
            case PROVIDER_UNREACHABLE -> "Could not reach " + provider.baseUrl() + " — "
                    + (isOllama(provider.baseUrl()) ? "is Ollama running? (start it with 'ollama serve')"
                    : "is the model server running, and is the address right?");
            case PROVIDER_AUTH_FAILED -> provider.credentialId() == null
                    ? "The server refused the request: it wants an API key. Store it as a credential and choose it"
                    : "The server refused the API key: check the credential's value";
            case PROVIDER_TIMEOUT -> "The server did not answer within " + provider.timeoutSeconds() + " s; a large "
                    + "model may still be loading: try again, or raise timeout_seconds";
            case PROVIDER_RATE_LIMITED -> "The server is rate limiting requests: wait a moment and try again";
            case PROVIDER_BAD_RESPONSE -> "The server at " + provider.baseUrl() + " answered, but not like an "
                    + "OpenAI-compatible API: check the base URL (for Ollama it ends in /v1)";
            case PROVIDER_ERROR -> e.getMessage();
        };
    }

    private static boolean isOllama(String baseUrl) {
        return URI.create(baseUrl).getPort() == 11434;
    }

    private static long elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
