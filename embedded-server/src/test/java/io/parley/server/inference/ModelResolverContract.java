package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.config.ParleyConfig;
import io.parley.server.credential.CredentialModule;
import io.parley.server.credential.CredentialService;
import io.parley.server.credential.CredentialView;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.TenancyStore;
import io.parley.server.testing.Tenants;
import io.parley.server.testing.Tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which model a chatbot gets (H2 and PostgreSQL subclasses): its own settings over the workspace
 * default, offline when neither names a provider, one cached model per settings, dropped when the
 * default or the credential changes.
 */
abstract class ModelResolverContract {

    static final String SECRET = "sk-resolver-secret-42";
    static final String URL = "http://127.0.0.1:9/v1";

    /** A model that only remembers what it was made from. */
    static final class FakeModel implements ChatModel {
        final OpenAiCompatibleSettings settings;
        volatile boolean closed;

        FakeModel(OpenAiCompatibleSettings settings) {
            this.settings = settings;
        }

        @Override
        public ChatResponse complete(ChatRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ChatStream stream(ChatRequest request, TokenListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @TempDir
    Path dataDir;
    Database db;
    CredentialService credentials;
    InferenceModule inference;
    ModelResolver resolver;
    final List<FakeModel> made = new CopyOnWriteArrayList<>();
    Tenant a;
    Tenant b;

    abstract DatabaseSettings settings(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(settings(dataDir));
        AccessPolicy policy = new AccessPolicy(new TenancyStore(db));
        credentials = new CredentialModule(ParleyConfig.embedded(dataDir), db, policy, p -> false, Clock.system(),
                Optional.empty()).service();
        inference = new InferenceModule(db, credentials, policy, Clock.system(), s -> {
            FakeModel model = new FakeModel(s);
            made.add(model);
            return model;
        });
        resolver = inference.resolver();
        a = Tenants.create(db, "Alice");
        b = Tenants.create(db, "Bob");
    }

    @AfterEach
    void close() {
        inference.close();
        db.close();
    }

    static JsonNode json(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    CredentialView key(Tenant t, String name, String value) {
        return credentials.create(t.principal(), Optional.of(t.workspaceId()), name, "api_key",
                Json.mapper().getNodeFactory().textNode(value));
    }

    void saveDefault(Tenant t, String settings) {
        inference.settings().save(t.principal(), Optional.of(t.workspaceId()), json(settings));
    }

    static String openAi(String credentialId, String model) {
        return "{\"provider\": {\"type\": \"openai_compatible\", \"base_url\": \"" + URL + "\", \"credential_id\": "
                + (credentialId == null ? "null" : "\"" + credentialId + "\"") + ", \"timeout_seconds\": 30, "
                + "\"max_retries\": 1}, \"model\": \"" + model + "\", \"temperature\": 0.7, \"max_tokens\": 1024}";
    }

    static FakeModel fake(ResolvedModel resolved) {
        return (FakeModel) resolved.model().orElseThrow();
    }

    @Test
    @DisplayName("a workspace that saved nothing, with a bot that names no provider, is offline")
    void offlineByDefault() {
        for (JsonNode config : java.util.Arrays.asList(null, json("{}"), json("{\"provider\": null, \"model\": null}"),
                json("{\"model\": \"llama3.2\", \"temperature\": 0.1}"))) {
            ResolvedModel resolved = resolver.resolve(a.workspaceId(), config);
            assertThat(resolved.offline()).as("config %s", config).isTrue();
        }
        assertThat(resolver.resolve(a.workspaceId(), json("{\"model\": \"llama3.2\", \"temperature\": 0.1}")))
                .isEqualTo(new ResolvedModel(Optional.empty(), "llama3.2", 0.1, null));
        assertThat(made).isEmpty();
        assertThat(inference.settings().get(a.principal(), Optional.empty()).provider().path("type").asText())
                .isEqualTo("offline");
    }

    @Test
    @DisplayName("the workspace default applies when the bot leaves a field null; the key is revealed for chat")
    void workspaceDefault() {
        CredentialView key = key(a, "OpenAI", SECRET);
        saveDefault(a, openAi(key.id(), "gpt-4o-mini"));

        ResolvedModel resolved = resolver.resolve(a.workspaceId(),
                json("{\"provider\": null, \"model\": null, \"temperature\": null, \"max_tokens\": null}"));

        assertThat(resolved.offline()).isFalse();
        assertThat(resolved.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(resolved.temperature()).isEqualTo(0.7);
        assertThat(resolved.maxTokens()).isEqualTo(1024);
        OpenAiCompatibleSettings used = fake(resolved).settings;
        assertThat(used.baseUrl().toString()).isEqualTo(URL);
        assertThat(used.model()).isEqualTo("gpt-4o-mini");
        assertThat(used.apiKey()).isEqualTo(SECRET);
        assertThat(used.timeout().toSeconds()).isEqualTo(30);
        assertThat(used.maxRetries()).isEqualTo(1);
        assertThat(db.execute().query("SELECT purpose FROM credential_audit WHERE credential_id = ? AND action = ?",
                key.id(), "revealed").map(r -> Rows.string(r, "purpose")).toList()).containsExactly("chat");
    }

    @Test
    @DisplayName("each of the bot's fields overrides the workspace's: provider, model, temperature, max_tokens")
    void botOverrides() {
        saveDefault(a, openAi(null, "llama3.2"));

        ResolvedModel model = resolver.resolve(a.workspaceId(), json("{\"model\": \"qwen2.5\", \"temperature\": 0}"));
        assertThat(model.modelName()).isEqualTo("qwen2.5");
        assertThat(model.temperature()).isEqualTo(0.0);
        assertThat(model.maxTokens()).isEqualTo(1024);
        assertThat(fake(model).settings.baseUrl().toString()).isEqualTo(URL);
        assertThat(fake(model).settings.apiKey()).isNull();

        ResolvedModel provider = resolver.resolve(a.workspaceId(), json("{\"provider\": {\"type\": "
                + "\"openai_compatible\", \"base_url\": \"http://127.0.0.1:8/v1\"}, \"max_tokens\": 64}"));
        assertThat(fake(provider).settings.baseUrl().toString()).isEqualTo("http://127.0.0.1:8/v1");
        assertThat(fake(provider).settings.timeout().toSeconds()).isEqualTo(60); // the provider's own default
        assertThat(provider.modelName()).isEqualTo("llama3.2");
        assertThat(provider.maxTokens()).isEqualTo(64);

        ResolvedModel offline = resolver.resolve(a.workspaceId(), json("{\"provider\": {\"type\": \"offline\"}}"));
        assertThat(offline.offline()).isTrue();
        assertThat(offline.modelName()).isEqualTo("llama3.2");

        ResolvedModel botOnly = resolver.resolve(b.workspaceId(), json("{\"provider\": {\"type\": "
                + "\"openai_compatible\", \"base_url\": \"" + URL + "\"}, \"model\": \"phi3\"}"));
        assertThat(botOnly.offline()).as("a bot's provider over B's offline default").isFalse();
        assertThat(botOnly.temperature()).isNull();
    }

    @Test
    @DisplayName("models are cached per workspace and settings, and dropped when the default or the credential changes")
    void caching() {
        CredentialView key = key(a, "OpenAI", SECRET);
        saveDefault(a, openAi(key.id(), "gpt-4o-mini"));
        FakeModel first = fake(resolver.resolve(a.workspaceId(), null));
        assertThat(fake(resolver.resolve(a.workspaceId(), json("{\"temperature\": 0.2}")))).isSameAs(first);
        assertThat(made).hasSize(1);

        credentials.update(a.principal(), key.id(), null, Json.mapper().getNodeFactory().textNode("sk-rotated"));
        FakeModel second = fake(resolver.resolve(a.workspaceId(), null));
        assertThat(second).isNotSameAs(first);
        assertThat(second.settings.apiKey()).isEqualTo("sk-rotated");
        assertThat(first.closed).as("retired models finish what they stream; closed with the resolver").isFalse();

        saveDefault(a, openAi(key.id(), "gpt-4o"));
        FakeModel third = fake(resolver.resolve(a.workspaceId(), null));
        assertThat(third).isNotSameAs(second);
        assertThat(third.settings.model()).isEqualTo("gpt-4o");

        saveDefault(b, openAi(null, "gpt-4o"));
        assertThat(fake(resolver.resolve(b.workspaceId(), null))).as("another workspace, its own model")
                .isNotSameAs(third);

        inference.close();
        assertThat(made).allMatch(m -> m.closed);
    }

    @Test
    @DisplayName("no model chosen, a bad bot setting, or another workspace's credential is refused clearly")
    void refusals() {
        assertField(() -> resolver.resolve(a.workspaceId(), json("{\"provider\": {\"type\": \"openai_compatible\", "
                + "\"base_url\": \"" + URL + "\"}}")), "model");
        assertField(() -> resolver.resolve(a.workspaceId(), json("{\"temperature\": \"hot\"}")), "temperature");
        assertField(() -> resolver.resolve(a.workspaceId(), json("{\"max_tokens\": 0}")), "max_tokens");
        assertField(() -> resolver.resolve(a.workspaceId(), json("{\"model\": 5}")), "model");

        CredentialView bobs = key(b, "Bob's key", "sk-bob");
        assertThatThrownBy(() -> resolver.resolve(a.workspaceId(), json("{\"provider\": {\"type\": "
                + "\"openai_compatible\", \"base_url\": \"" + URL + "\", \"credential_id\": \"" + bobs.id()
                + "\"}, \"model\": \"m\"}"))).isInstanceOfSatisfying(ParleyException.class,
                e -> assertThat(e.kind()).isEqualTo(ParleyException.Kind.NOT_FOUND));
        assertThat(made).isEmpty();
    }

    @Test
    @DisplayName("saving the default checks the credential: in the workspace, a key or token; then it cannot be deleted")
    void defaultChecksCredential() {
        CredentialView bobs = key(b, "Bob's key", "sk-bob");
        assertField(() -> saveDefault(a, openAi(bobs.id(), "m")), "provider.credential_id");
        CredentialView basic = credentials.create(a.principal(), Optional.empty(), "Basic", "basic_auth",
                json("{\"username\": \"u\", \"password\": \"p\"}"));
        assertField(() -> saveDefault(a, openAi(basic.id(), "m")), "provider.credential_id");

        CredentialView key = key(a, "OpenAI", SECRET);
        saveDefault(a, openAi(key.id(), "m"));
        assertThatThrownBy(() -> credentials.delete(a.principal(), key.id()))
                .isInstanceOfSatisfying(ParleyException.class,
                        e -> assertThat(e.code()).isEqualTo("credential_in_use"));
        saveDefault(a, "{\"provider\": {\"type\": \"offline\"}}");
        credentials.delete(a.principal(), key.id());
    }

    @Test
    @DisplayName("validateProvider names the field of every bad value")
    void validateProvider() {
        assertField(() -> ModelResolver.validateProvider(null, "provider"), "provider");
        assertField(() -> ModelResolver.validateProvider(json("\"openai\""), "provider"), "provider");
        assertField(() -> ModelResolver.validateProvider(json("{}"), "config.provider"), "config.provider.type");
        assertField(() -> ModelResolver.validateProvider(json("{\"type\": \"anthropic\"}"), "provider"),
                "provider.type");
        assertField(() -> provider("\"base_url\": \"ftp://host/v1\""), "provider.base_url");
        assertField(() -> provider("\"base_url\": \"localhost:11434\""), "provider.base_url");
        assertField(() -> provider("\"base_url\": \"http://user:pw@host/v1\""), "provider.base_url");
        assertField(() -> provider("\"base_url\": 5"), "provider.base_url");
        assertField(() -> provider("\"base_url\": \"http://localhost:99999/v1\""), "provider.base_url");
        assertField(() -> provider("\"base_url\": \"http:///v1\""), "provider.base_url");
        assertField(() -> provider("\"base_url\": \"" + URL + "\", \"timeout_seconds\": 0"), "provider.timeout_seconds");
        assertField(() -> provider("\"base_url\": \"" + URL + "\", \"timeout_seconds\": 601"),
                "provider.timeout_seconds");
        assertField(() -> provider("\"base_url\": \"" + URL + "\", \"timeout_seconds\": 2.5"),
                "provider.timeout_seconds");
        assertField(() -> provider("\"base_url\": \"" + URL + "\", \"max_retries\": 11"), "provider.max_retries");
        assertField(() -> provider("\"base_url\": \"" + URL + "\", \"credential_id\": \"nope\""),
                "provider.credential_id");
        ProviderSettings ok = provider("\"base_url\": \"https://api.openai.com/v1\", \"max_retries\": 0");
        assertThat(ok).isEqualTo(ProviderSettings.openAiCompatible("https://api.openai.com/v1", null, 60, 0));
        assertThat(ModelResolver.validateProvider(json("{\"type\": \"offline\", \"base_url\": \"not used\"}"), "provider")
                .isOffline()).isTrue();
        assertField(() -> ModelResolver.validateBotSettings(json("{\"temperature\": 2.5}"), "config"),
                "config.temperature");
    }

    static ProviderSettings provider(String fields) {
        return ModelResolver.validateProvider(json("{\"type\": \"openai_compatible\", " + fields + "}"), "provider");
    }

    static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ParleyException.class, e -> {
            assertThat(e.kind()).isEqualTo(ParleyException.Kind.INVALID_INPUT);
            assertThat(e.details()).containsEntry("field", field);
        });
    }
}
