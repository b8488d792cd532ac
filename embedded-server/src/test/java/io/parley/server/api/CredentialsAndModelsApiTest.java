package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.FakeOpenAiServer;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials and the workspace's default model over real HTTP (embedded H2): values never come
 * back in any answer or any log line, bad settings are 400s naming the field, and "test connection"
 * talks to a real (fake) OpenAI-compatible server.
 */
@DisplayName("Credentials and default model over HTTP")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsAndModelsApiTest {

    static final String SECRET = "sk-http-" + UUID.randomUUID();
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    Path dataDir;
    TestServer server;
    FakeOpenAiServer openAi;
    Account user;
    Account other;
    final List<Response> responses = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(new SimpleFormatter().format(record));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(' ').append(p);
                }
            }
            logs.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void start(@TempDir Path dir) {
        dataDir = dir;
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        server = TestServer.embedded(dataDir);
        openAi = FakeOpenAiServer.start();
        user = server.signup("Credential User");
        other = server.signup("Other Tenant");
    }

    @AfterAll
    void stop() {
        openAi.close();
        server.close();
        Logger.getLogger("").removeHandler(capture);
    }

    Response call(String method, String path, String token, Object body) {
        Response r = server.send(method, path, token, body);
        responses.add(r);
        return r;
    }

    String createKey(String name, String value) {
        return assertStatus(call("POST", "/api/v1/credentials", user.accessToken(),
                Map.of("name", name, "type", "api_key", "value", value)), 201).path("id").asText();
    }

    static Map<String, Object> openAiSettings(String baseUrl, String credentialId, String model) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("type", "openai_compatible");
        provider.put("base_url", baseUrl);
        provider.put("credential_id", credentialId);
        provider.put("timeout_seconds", 5);
        provider.put("max_retries", 0);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("provider", provider);
        settings.put("model", model);
        return settings;
    }

    @Test
    @DisplayName("create, list, get, rename, replace and delete; no answer and no log line holds a value")
    void lifecycleNeverShowsTheSecret() {
        JsonNode created = assertStatus(call("POST", "/api/v1/credentials", user.accessToken(),
                Map.of("name", "OpenAI", "type", "api_key", "value", SECRET)), 201);
        String id = created.path("id").asText();
        assertThat(created.path("type").asText()).isEqualTo("api_key");
        assertThat(created.path("workspace_id").asText()).isEqualTo(user.workspaceId());
        assertThat(created.has("value")).isFalse();
        String basic = assertStatus(call("POST", "/api/v1/credentials?workspace_id=" + user.workspaceId(),
                user.accessToken(), Map.of("name", "Basic", "type", "basic_auth",
                        "value", Map.of("username", "ada", "password", PASSWORD))), 201).path("id").asText();

        JsonNode list = assertStatus(call("GET", "/api/v1/credentials", user.accessToken(), null), 200);
        assertThat(list.path("credentials")).extracting(c -> c.path("name").asText()).contains("Basic", "OpenAI");
        assertStatus(call("GET", "/api/v1/credentials/" + id, user.accessToken(), null), 200);
        assertThat(assertStatus(call("PATCH", "/api/v1/credentials/" + id, user.accessToken(),
                Map.of("name", "OpenAI prod")), 200).path("name").asText()).isEqualTo("OpenAI prod");
        assertStatus(call("PATCH", "/api/v1/credentials/" + basic, user.accessToken(),
                Map.of("value", Map.of("username", "ada", "password", PASSWORD + "2"))), 200);
        assertStatus(call("POST", "/api/v1/models/test", user.accessToken(), Map.of()), 200);
        assertStatus(call("DELETE", "/api/v1/credentials/" + basic, user.accessToken(), null), 204);
        assertError(call("GET", "/api/v1/credentials/" + basic, user.accessToken(), null), 404, "not_found");
        assertError(call("GET", "/api/v1/credentials/" + id, other.accessToken(), null), 404, "not_found");
        assertError(call("GET", "/api/v1/credentials?workspace_id=" + user.workspaceId(), other.accessToken(), null),
                404, "not_found");
        assertThat(assertStatus(call("GET", "/api/v1/credentials", other.accessToken(), null), 200)
                .path("credentials")).isEmpty();

        assertThat(responses).isNotEmpty().allSatisfy(r -> assertThat(r.body()).doesNotContain(SECRET)
                .doesNotContain(PASSWORD));
        assertThat(String.join("\n", logs)).doesNotContain(SECRET).doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("bad credential input is 400 naming the field")
    void credentialValidation() {
        String token = user.accessToken();
        assertField(call("POST", "/api/v1/credentials", token, Map.of("name", "x", "type", "ssh_key", "value", "k")),
                "type");
        assertField(call("POST", "/api/v1/credentials", token, Map.of("name", "x", "type", "api_key", "value", 5)),
                "value");
        assertField(call("POST", "/api/v1/credentials", token, Map.of("name", "x", "type", "basic_auth",
                "value", Map.of("username", "u"))), "value.password");
        assertField(call("POST", "/api/v1/credentials", token, Map.of("name", "", "type", "api_key", "value", "k")),
                "name");
        assertField(call("POST", "/api/v1/credentials", token, "{\"name\": \"x\", \"type\": 5, \"value\": \"k\"}"),
                "type");
        assertError(call("PATCH", "/api/v1/credentials/" + createKey("Patch me", "sk-1"), token, Map.of()), 400,
                "invalid_request");
    }

    @Test
    @DisplayName("only the server's administrator rotates the key, and every credential stays readable")
    void rotateKey() throws IOException {
        String id = createKey("Before rotation", SECRET + "-r");
        assertError(call("POST", "/api/v1/credentials/rotate-key", user.accessToken(), null), 403, "forbidden");
        JsonNode rotation = assertStatus(call("POST", "/api/v1/credentials/rotate-key", server.localToken(), null),
                200);
        assertThat(rotation.path("keys").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(rotation.path("re_encrypted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(rotation.path("unreadable").asInt()).isZero();
        String keyset = Files.readString(dataDir.resolve("secrets/credentials.keyset.json"));
        JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(keyset);
        assertThat(parsed.path("primaryKeyId").asLong()).isEqualTo(rotation.path("key_id").asLong());
        assertThat(parsed.path("key")).hasSize(rotation.path("keys").asInt());

        // the rotated credential still works: it is the key "test connection" sends
        openAi.then(FakeOpenAiServer.answer("OK", 5, 1));
        JsonNode test = assertStatus(call("POST", "/api/v1/models/test", user.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), id, "fake-model")), 200);
        assertThat(test.path("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(openAi.received().getLast().authorization()).isEqualTo("Bearer " + SECRET + "-r");
    }

    @Test
    @DisplayName("the default model is offline until saved; a saved default comes back as saved")
    void defaultModel() {
        Account fresh = server.signup("Fresh Tenant");
        JsonNode initial = assertStatus(call("GET", "/api/v1/models/default", fresh.accessToken(), null), 200);
        assertThat(initial.path("provider").path("type").asText()).isEqualTo("offline");
        assertThat(initial.path("model").isNull()).isTrue();
        assertThat(initial.path("workspace_id").asText()).isEqualTo(fresh.workspaceId());

        String key = createKey("Default model key", SECRET + "-d");
        Map<String, Object> settings = openAiSettings("http://localhost:11434/v1", key, "llama3.2");
        settings.put("temperature", 0.7);
        settings.put("max_tokens", 1024);
        JsonNode saved = assertStatus(call("PUT", "/api/v1/models/default", user.accessToken(), settings), 200);
        JsonNode read = assertStatus(call("GET", "/api/v1/models/default?workspace_id=" + user.workspaceId(),
                user.accessToken(), null), 200);
        assertThat(read.path("provider")).isEqualTo(saved.path("provider"));
        assertThat(read.path("provider").path("base_url").asText()).isEqualTo("http://localhost:11434/v1");
        assertThat(read.path("provider").path("credential_id").asText()).isEqualTo(key);
        assertThat(read.path("provider").path("timeout_seconds").asInt()).isEqualTo(5);
        assertThat(read.path("model").asText()).isEqualTo("llama3.2");
        assertThat(read.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(read.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(read.path("updated_at").isNull()).isFalse();
        assertError(call("DELETE", "/api/v1/credentials/" + key, user.accessToken(), null), 409, "credential_in_use");
        assertError(call("GET", "/api/v1/models/default?workspace_id=" + user.workspaceId(), other.accessToken(),
                null), 404, "not_found");
        assertStatus(call("PUT", "/api/v1/models/default", user.accessToken(),
                Map.of("provider", Map.of("type", "offline"))), 200);
    }

    @Test
    @DisplayName("invalid default-model settings are 400 naming the field")
    void defaultModelValidation() {
        String url = "http://localhost:11434/v1";
        List<Object[]> cases = List.of(
                new Object[] {Map.of(), "provider"},
                new Object[] {Map.of("provider", "ollama"), "provider"},
                new Object[] {Map.of("provider", Map.of("type", "magic")), "provider.type"},
                new Object[] {with(openAiSettings("ftp://host/v1", null, "m")), "provider.base_url"},
                new Object[] {with(openAiSettings("not a url", null, "m")), "provider.base_url"},
                new Object[] {with(openAiSettings(url, null, null)), "model"},
                new Object[] {with(openAiSettings(url, UUID.randomUUID().toString(), "m")), "provider.credential_id"},
                new Object[] {with(openAiSettings(url, null, "m"), "provider.timeout_seconds", 0),
                        "provider.timeout_seconds"},
                new Object[] {with(openAiSettings(url, null, "m"), "provider.timeout_seconds", 601),
                        "provider.timeout_seconds"},
                new Object[] {with(openAiSettings(url, null, "m"), "provider.max_retries", 11), "provider.max_retries"},
                new Object[] {with(openAiSettings(url, null, "m"), "provider.max_retries", "3"), "provider.max_retries"},
                new Object[] {with(openAiSettings(url, null, "m"), "temperature", 2.5), "temperature"},
                new Object[] {with(openAiSettings(url, null, "m"), "temperature", "warm"), "temperature"},
                new Object[] {with(openAiSettings(url, null, "m"), "max_tokens", 0), "max_tokens"},
                new Object[] {with(openAiSettings(url, null, "m"), "max_tokens", 1.5), "max_tokens"});
        for (Object[] c : cases) {
            JsonNode error = assertError(call("PUT", "/api/v1/models/default", user.accessToken(), c[0]), 400,
                    "invalid_field");
            assertThat(error.path("details").path("field").asText()).as("%s", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    @DisplayName("test connection: ok with a working server, friendly messages for unreachable and refused keys")
    void testConnection() throws IOException {
        String key = createKey("Test key", SECRET + "-t");
        openAi.then(FakeOpenAiServer.answer("OK", 12, 1));
        JsonNode ok = assertStatus(call("POST", "/api/v1/models/test", user.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), key, "fake-model")), 200);
        assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("model").asText()).isEqualTo("fake-model");
        assertThat(ok.path("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        FakeOpenAiServer.Received sent = openAi.received().getLast();
        assertThat(sent.authorization()).isEqualTo("Bearer " + SECRET + "-t");
        assertThat(sent.body().path("model").asText()).isEqualTo("fake-model");
        assertThat(sent.body().path("max_tokens").asInt()).isLessThanOrEqualTo(16);

        String closed = "http://127.0.0.1:" + freePort() + "/v1";
        JsonNode unreachable = assertStatus(call("POST", "/api/v1/models/test", user.accessToken(),
                openAiSettings(closed, null, "llama3.2")), 200);
        assertThat(unreachable.path("ok").asBoolean()).isFalse();
        assertThat(unreachable.path("code").asText()).isEqualTo("provider_unreachable");
        assertThat(unreachable.path("message").asText()).startsWith("Could not reach " + closed);

        openAi.then(FakeOpenAiServer.status(401, Map.of(), "{\"error\": {\"message\": \"Incorrect API key "
                + SECRET + "-t\"}}"));
        JsonNode refused = assertStatus(call("POST", "/api/v1/models/test", user.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), key, "fake-model")), 200);
        assertThat(refused.path("ok").asBoolean()).isFalse();
        assertThat(refused.path("code").asText()).isEqualTo("provider_auth_failed");
        assertThat(refused.path("message").asText()).contains("refused the API key");

        openAi.then(FakeOpenAiServer.status(404, Map.of(), "{\"error\": {\"message\": \"model 'nope' not found\"}}"));
        JsonNode missing = assertStatus(call("POST", "/api/v1/models/test", user.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), null, "nope")), 200);
        assertThat(missing.path("ok").asBoolean()).isFalse();
        assertThat(missing.path("message").asText()).contains("model 'nope' not found");

        // {} tests the workspace's default: offline for the other tenant, the fake server once saved
        JsonNode offline = assertStatus(call("POST", "/api/v1/models/test", other.accessToken(), Map.of()), 200);
        assertThat(offline.path("ok").asBoolean()).isTrue();
        assertThat(offline.path("message").asText()).contains("Offline");
        assertStatus(call("PUT", "/api/v1/models/default", other.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), null, "fake-model")), 200);
        openAi.then(FakeOpenAiServer.answer("OK", 3, 1));
        JsonNode viaDefault = assertStatus(call("POST", "/api/v1/models/test", other.accessToken(),
                Map.of("model", "other-model")), 200);
        assertThat(viaDefault.path("ok").asBoolean()).as(viaDefault.toString()).isTrue();
        assertThat(openAi.received().getLast().body().path("model").asText()).isEqualTo("other-model");
        assertThat(openAi.received().getLast().authorization()).isNull();

        assertField(call("POST", "/api/v1/models/test", user.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), key, null)), "model");
        assertField(call("POST", "/api/v1/models/test", user.accessToken(), "{\"provider\": null}"), "provider");
        assertField(call("POST", "/api/v1/models/test", other.accessToken(),
                openAiSettings(openAi.baseUrl().toString(), key, "m")), "provider.credential_id");
        assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(SECRET));
    }

    static void assertField(Response r, String field) {
        JsonNode error = assertError(r, 400, "invalid_field");
        assertThat(error.path("details").path("field").asText()).as(r.body()).isEqualTo(field);
    }

    static Map<String, Object> with(Map<String, Object> body) {
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (field.startsWith("provider.")) {
            Map<String, Object> provider = new LinkedHashMap<>((Map<String, Object>) copy.get("provider"));
            provider.put(field.substring("provider.".length()), value);
            copy.put("provider", provider);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
