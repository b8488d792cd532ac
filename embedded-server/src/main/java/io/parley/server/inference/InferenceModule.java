package io.parley.server.inference;

import io.parley.server.common.Clock;
import io.parley.server.credential.CredentialService;
import io.parley.server.http.ApiRoutes;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;

import java.util.Optional;
import java.util.function.Function;

/**
 * Wires the model side by hand: the workspaces' default models, "test connection", and the
 * {@link ModelResolver} the chatbots answer with. Owns the cached models (closed with it).
 */
public final class InferenceModule implements AutoCloseable {

    private final ModelSettingsService settings;
    private final CachingModelResolver resolver;
    private final ModelRoutes routes;

    public InferenceModule(Database db, CredentialService credentials, AccessPolicy policy, Clock clock) {
        this(db, credentials, policy, clock, OpenAiCompatibleProvider::new);
    }

    /** With another way to make models (tests count or fake them). */
    public InferenceModule(Database db, CredentialService credentials, AccessPolicy policy, Clock clock,
                           Function<OpenAiCompatibleSettings, ChatModel> factory) {
        this.settings = new ModelSettingsService(new ModelSettingsStore(db), credentials, policy, clock);
        this.resolver = new CachingModelResolver(settings, credentials, factory);
        this.routes = new ModelRoutes(settings, new ConnectionCheck(settings, credentials, policy, factory));
        settings.onChange(resolver::invalidateWorkspace);
        credentials.onChange(resolver::invalidateCredential);
        credentials.guardDeletion((workspaceId, credentialId) -> settings.usesCredential(workspaceId, credentialId)
                ? Optional.of("the workspace's default model") : Optional.empty());
    }

    public ModelResolver resolver() {
        return resolver;
    }

    public ModelSettingsService settings() {
        return settings;
    }

    public void register(ApiRoutes api) {
        routes.register(api);
    }

    @Override
    public void close() {
        resolver.close();
    }
}
