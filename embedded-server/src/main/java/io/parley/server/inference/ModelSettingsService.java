package io.parley.server.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.credential.CredentialService;
import io.parley.server.credential.CredentialType;
import io.parley.server.credential.CredentialView;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each workspace's default model: viewers read it, admins change it. A workspace that saved
 * nothing is offline. The credential a provider names must be an API key or token of the same
 * workspace.
 */
public final class ModelSettingsService {

    private static final Logger LOG = Logger.getLogger(ModelSettingsService.class.getName());

    private final ModelSettingsStore store;
    private final CredentialService credentials;
    private final AccessPolicy policy;
    private final Clock clock;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    ModelSettingsService(ModelSettingsStore store, CredentialService credentials, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.credentials = credentials;
        this.policy = policy;
        this.clock = clock;
    }

    public WorkspaceModelSettingsView get(Principal caller, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.VIEWER);
        Optional<ModelSettingsStore.Stored> stored = store.get(access.workspaceId());
        return WorkspaceModelSettingsView.of(access.workspaceId(), settingsOf(access.workspaceId()),
                stored.map(ModelSettingsStore.Stored::updatedAt).orElse(null));
    }

    public WorkspaceModelSettingsView save(Principal caller, Optional<String> workspaceId, JsonNode body) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.ADMIN);
        ModelSettings settings = ModelSettingsReader.settings(body);
        checkCredential(access.workspaceId(), settings.provider(), "provider");
        Instant now = clock.now();
        store.put(access.workspaceId(), settings.toJson().toString(), now);
        listeners.forEach(l -> l.accept(access.workspaceId()));
        return WorkspaceModelSettingsView.of(access.workspaceId(), settings, now);
    }

    /** The workspace's default (offline when none was saved); no access check. */
    public ModelSettings settingsOf(String workspaceId) {
        return store.get(workspaceId).map(s -> parse(workspaceId, s.json())).orElseGet(ModelSettings::offline);
    }

    /** 400 naming {@code field.credential_id} unless the provider's credential is a key or token of the workspace. */
    void checkCredential(String workspaceId, ProviderSettings provider, String field) {
        if (provider.isOffline() || provider.credentialId() == null) {
            return;
        }
        CredentialView credential = credentials.find(workspaceId, provider.credentialId())
                .orElseThrow(() -> ParleyException.invalidField(field + ".credential_id",
                        "There is no credential with this id in the workspace"));
        String type = credential.type();
        if (!type.equals(CredentialType.API_KEY.wireName()) && !type.equals(CredentialType.OAUTH2_TOKEN.wireName())) {
            throw ParleyException.invalidField(field + ".credential_id", "A model provider needs an api_key or "
                    + "oauth2_token credential, and '" + credential.name() + "' is " + type);
        }
    }

    /** True when the workspace's default provider uses the credential (it cannot be deleted then). */
    boolean usesCredential(String workspaceId, String credentialId) {
        return credentialId.equals(settingsOf(workspaceId).provider().credentialId());
    }

    /** Called with the workspace id after its default changed. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private static ModelSettings parse(String workspaceId, String json) {
        try {
            return ModelSettingsReader.settings(Json.mapper().readTree(json));
        } catch (JsonProcessingException | ParleyException e) {
            // Saved by this code, so only a hand edit gets here: run offline rather than fail every chat.
            LOG.log(Level.WARNING, "The model settings of workspace {0} cannot be read; using offline mode",
                    workspaceId);
            return ModelSettings.offline();
        }
    }
}
