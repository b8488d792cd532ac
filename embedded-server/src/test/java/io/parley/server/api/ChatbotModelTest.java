package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.Await;
import io.parley.server.testing.FakeOpenAiServer;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chatbots answering with a model: a local server speaking the OpenAI protocol stands in for the
 * provider. The prompt the model receives, streaming, provider failures saved with their codes,
 * and a visitor leaving mid-stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatbotModelTest {

    TestServer server;
    FakeOpenAiServer model;
    String token;
    String workspaceId;
    String kbId;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.embedded(dataDir);
        model = FakeOpenAiServer.start();
        TestServer.Account builder = server.signup("Builder");
        token = builder.accessToken();
        workspaceId = builder.workspaceId();
        KbFixtures.KbIds kb = KbFixtures.create(server, token, workspaceId, ChatbotApiContract.HANDBOOK);
        KbFixtures.awaitJob(server, token, kb.jobId());
        kbId = kb.kbId();
        assertStatus(server.send("PUT", "/api/v1/models/default?workspace_id=" + workspaceId, token, Map.of(
                "provider", Map.of("type", "openai_compatible", "base_url", model.baseUrl().toString(),
                        "timeout_seconds", 5, "max_retries", 0),
                "model", "fake-model", "temperature", 0.2, "max_tokens", 300)), 200);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.close();
        }
    }

    JsonNode deployBot(boolean followUps) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workspace_id", workspaceId);
        data.put("name", "Model bot");
        data.put("system_prompt", "You help {{user_name}} with Acme kettles.");
        data.put("variables", List.of(Map.of("name", "user_name", "type", "text", "default", "there")));
        data.put("knowledge_bases", List.of(Map.of("kb_id", kbId, "enabled", true)));
        data.put("memory", Map.of("enabled", true, "max_messages", 4));
        data.put("features", Map.of("enable_follow_up_suggestions", followUps));
        String draft = assertStatus(server.post("/api/v1/chatbots/draft", token, data), 201).path("draft_id").asText();
        return assertStatus(server.post("/api/v1/chatbots/draft/" + draft + "/deploy", token, null), 200);
    }

    @Test
    @DisplayName("the model gets the instructions with variables, numbered passages and the memory; tokens are kept")
    void promptAssembly() {
        JsonNode bot = deployBot(true);
        String chat = "/api/v1/bots/" + bot.path("chatbot_id").asText() + "/chat";
        String key = bot.path("api_key").asText();
        model.received().clear();
        model.then(FakeOpenAiServer.answer("Descale monthly with vinegar [1].", 120, 9),
                FakeOpenAiServer.answer("Which vinegar?\nHow long to boil?\n3. Is it safe?", 30, 12));
        JsonNode first = assertStatus(server.post(chat, key, Map.of("message", "How often do I descale?",
                "metadata", Map.of("variables", Map.of("user_name", "Ann")))), 200);
        assertThat(first.path("metadata").path("mode").asText()).isEqualTo("model");
        assertThat(first.path("metadata").path("tokens").path("total").asInt()).isEqualTo(129);
        assertThat(first.path("sources")).hasSize(1);
        assertThat(first.path("sources").get(0).path("n").asInt()).isEqualTo(1);
        assertThat(first.path("suggestions")).extracting(JsonNode::asText)
                .containsExactly("Which vinegar?", "How long to boil?", "Is it safe?");

        JsonNode request = model.received().get(0).body();
        String system = request.path("messages").get(0).path("content").asText();
        assertThat(system).startsWith("You help Ann with Acme kettles.").contains("[1] Handbook").contains("vinegar");
        assertThat(request.path("model").asText()).isEqualTo("fake-model");
        assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);

        model.received().clear();
        model.then(FakeOpenAiServer.answer("Keep the receipt [2].", 200, 5), FakeOpenAiServer.answer("More?", 1, 1));
        assertStatus(server.post(chat, key, Map.of("message", "And the warranty?",
                "session_id", first.path("session_id").asText())), 200);
        JsonNode messages = model.received().get(0).body().path("messages");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("How often do I descale?");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Descale monthly with vinegar [1].");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("And the warranty?");
        JsonNode session = assertStatus(server.get("/api/v1/sessions/" + first.path("session_id").asText(), token), 200);
        assertThat(session.path("session").path("prompt_tokens").asLong()).isEqualTo(320);
    }

    @Test
    @DisplayName("model deltas stream to the client as they come")
    void streaming() {
        JsonNode bot = deployBot(false);
        model.then(FakeOpenAiServer.stream(List.of("Descale ", "every ", "month [1]."), 50, 4));
        TestServer.Response r = server.send("POST", "/api/v1/bots/" + bot.path("chatbot_id").asText() + "/chat",
                bot.path("api_key").asText(), Map.of("message", "descale?"), "Accept", "text/event-stream");
        assertThat(ChatbotApiContract.events(r.body())).containsExactly("start", "delta", "delta", "delta", "done");
        assertThat(ChatbotApiContract.lastData(r.body()).path("response").asText()).isEqualTo("Descale every month [1].");
    }

    @Test
    @DisplayName("a failing provider gives the visitor a friendly message; the error is saved with its code")
    void providerDown() {
        JsonNode bot = deployBot(false);
        model.then(FakeOpenAiServer.status(500, Map.of(), "{\"error\":{\"message\":\"boom\"}}"));
        JsonNode error = assertError(server.post("/api/v1/bots/" + bot.path("chatbot_id").asText() + "/chat",
                bot.path("api_key").asText(), Map.of("message", "descale?")), 503, "provider_error");
        assertThat(error.path("message").asText()).startsWith("Sorry").doesNotContain("boom");
        String sessionId = error.path("details").path("session_id").asText();
        JsonNode saved = assertStatus(server.get("/api/v1/sessions/" + sessionId, token), 200).path("messages").get(1);
        assertThat(saved.path("error_code").asText()).isEqualTo("provider_error");
        assertThat(saved.path("content").asText()).startsWith("Sorry");

        model.then(FakeOpenAiServer.status(429, Map.of("Retry-After", "120"), "{}"));
        TestServer.Response streamed = server.send("POST", "/api/v1/bots/" + bot.path("chatbot_id").asText() + "/chat",
                bot.path("api_key").asText(), Map.of("message", "descale?"), "Accept", "text/event-stream");
        assertThat(ChatbotApiContract.events(streamed.body())).containsExactly("start", "error");
        assertThat(ChatbotApiContract.lastData(streamed.body()).path("error").path("code").asText())
                .isEqualTo("provider_rate_limited");
    }

    @Test
    @DisplayName("a visitor leaving mid-stream closes the provider connection and saves the partial answer")
    void clientLeaves() throws Exception {
        JsonNode bot = deployBot(false);
        CountDownLatch providerClosed = new CountDownLatch(1);
        model.then(FakeOpenAiServer.endlessStream(providerClosed));
        long before = streamThreads();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/bots/" + bot.path("chatbot_id").asText() + "/chat"))
                .header("Authorization", "Bearer " + bot.path("api_key").asText())
                .header("Accept", "text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"descale?\"}")).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String sessionId = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int deltas = 0;
            for (String line = reader.readLine(); line != null && deltas < 3; line = reader.readLine()) {
                if (sessionId == null && line.startsWith("data: ") && line.contains("\"session_id\"")) {
                    sessionId = line.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
                }
                if (line.equals("event: delta")) {
                    deltas++;
                }
            }
        }
        client.close();
        assertThat(providerClosed.await(10, TimeUnit.SECONDS)).as("the provider's connection was closed").isTrue();
        String session = sessionId;
        Await.until("the partial answer is saved", Duration.ofSeconds(10), () -> {
            JsonNode messages = assertStatus(server.get("/api/v1/sessions/" + session, token), 200).path("messages");
            return messages.size() == 2 && messages.get(1).path("error_code").asText().equals("client_disconnected")
                    && messages.get(1).path("content").asText().startsWith("tok ");
        });
        Await.until("no stream thread left", Duration.ofSeconds(10), () -> streamThreads() <= before);
    }

    /** Threads reading a provider's stream. */
    static long streamThreads() {
        return Thread.getAllStackTraces().entrySet().stream().filter(e -> e.getKey().isAlive())
                .filter(e -> java.util.Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().contains("OpenAiStream"))).count();
    }
}
