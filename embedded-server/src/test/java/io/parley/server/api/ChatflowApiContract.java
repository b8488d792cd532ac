package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.parley.server.testing.FakeOpenAiServer;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chatflows over HTTP on a real server: the seed's example flow (an LLM classifies the intent, a
 * condition branches, a knowledge search answers) and a multi-turn flow in the style of the
 * Wriveted seed (a validated name, an age, a condition on it, a webhook with a secret header),
 * run in preview with their execution logs, deployed, and answering on the public API; node-level
 * validation; optimistic concurrency on a conversation's state; template injection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatflowApiContract {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    FakeOpenAiServer model;
    HttpServer webhook;
    final List<Map<String, String>> webhookCalls = new CopyOnWriteArrayList<>();
    String token;
    String workspaceId;
    String kbId;

    abstract TestServer startServer(Path dataDir);

    @BeforeAll
    void start(@TempDir Path dataDir) throws IOException {
        server = startServer(dataDir);
        model = FakeOpenAiServer.start();
        TestServer.Account builder = server.signup("Flow builder");
        token = builder.accessToken();
        workspaceId = builder.workspaceId();
        KbFixtures.KbIds kb = KbFixtures.create(server, token, workspaceId, ChatbotApiContract.HANDBOOK);
        KbFixtures.awaitJob(server, token, kb.jobId());
        kbId = kb.kbId();
        assertStatus(server.send("PUT", "/api/v1/models/default?workspace_id=" + workspaceId, token, Map.of(
                "provider", Map.of("type", "openai_compatible", "base_url", model.baseUrl().toString(),
                        "timeout_seconds", 5, "max_retries", 0),
                "model", "fake-model")), 200);
        assertStatus(server.post("/api/v1/credentials", token, Map.of("workspace_id", workspaceId,
                "name", "wriveted_token", "type", "api_key", "value", "tok-s3cr3t-value")), 201);
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/recommendations", exchange -> {
            try (exchange) {
                Map<String, String> call = new LinkedHashMap<>();
                call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                call.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                webhookCalls.add(call);
                byte[] body = "{\"data\": {\"books\": [\"Holes\", \"Wonder\"], \"total\": 2}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        webhook.start();
    }

    @AfterAll
    void stop() {
        if (webhook != null) {
            webhook.stop(0);
        }
        if (model != null) {
            model.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Map<String, Object> node(String id, String type, Map<String, Object> data) {
        return Map.of("id", id, "type", type, "position", Map.of("x", 0, "y", 0), "data", data);
    }

    static Map<String, Object> edge(String id, String source, String target, String handle) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("source", source);
        e.put("target", target);
        if (handle != null) {
            e.put("sourceHandle", handle);
        }
        return e;
    }

    /** The seed's example: LLM classifies intent → condition → knowledge search → response. */
    Map<String, Object> seedFlow() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Customer Support Flow");
        data.put("nodes", List.of(
                node("start", "trigger", Map.of("trigger_type", "chat_message")),
                node("llm1", "llm", Map.of("prompt", "Classify user intent: {{input}}", "temperature", 0.3,
                        "json_output", true, "json_schema", Map.of("type", "object", "required", List.of("intent"),
                                "properties", Map.of("intent", Map.of("type", "string",
                                        "enum", List.of("billing", "other")))))),
                node("condition1", "condition", Map.of("condition", "{{llm1.intent}} === 'billing'")),
                node("kb_search", "knowledge_base", Map.of("kb_id", kbId, "query", "{{input}}", "top_k", 2)),
                node("response", "response", Map.of("message", "From our handbook:\n{{kb_search.context}}")),
                node("general", "response", Map.of("message", "I can help with billing and warranty questions."))));
        data.put("edges", List.of(
                edge("e1", "start", "llm1", null),
                edge("e2", "llm1", "condition1", null),
                Map.of("id", "e3", "source", "condition1", "target", "kb_search", "label", "True"),
                Map.of("id", "e4", "source", "condition1", "target", "general", "label", "False"),
                edge("e5", "kb_search", "response", null)));
        data.put("variables", Map.of("user_intent", ""));
        return data;
    }

    /** In the style of the Wriveted seed: a validated name, an age, a condition, a webhook with a secret. */
    Map<String, Object> multiTurnFlow() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Bookbot");
        data.put("nodes", List.of(
                node("start", "trigger", Map.of()),
                node("welcome", "message", Map.of("message", "Welcome to Bookbot!")),
                node("ask_name", "question", Map.of("question", "What's your name?", "input_type", "text",
                        "variable", "user_name", "validation", Map.of("required", true,
                                "pattern", "^[a-zA-Z\\s]{2,50}$", "error_message", "Please enter a valid name"))),
                node("ask_age", "question", Map.of("question", "Nice to meet you, {{vars.user_name}}! How old are you?",
                        "input_type", "number", "variable", "age", "validation", Map.of("min", 1, "max", 120))),
                node("check_age", "condition", Map.of("branches", List.of(
                        Map.of("id", "teen", "when", Map.of("and", List.of(Map.of("var", "vars.age", "gte", 13),
                                Map.of("var", "vars.age", "lt", 18)))),
                        Map.of("id", "adult", "when", "vars.age >= 18")))),
                node("recommend", "http", Map.of("method", "POST",
                        "url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/recommendations",
                        "headers", Map.of("Authorization", "Bearer {{secret:wriveted_token}}"),
                        "body", Map.of("name", "{{vars.user_name}}", "age", "{{vars.age}}"),
                        "response_mapping", Map.of("books", "$.data.books", "count", "$.data.total"),
                        "timeout_seconds", 5)),
                node("show", "message", Map.of("message", "{{vars.user_name}}, I found {{recommend.count}} books: "
                        + "{{recommend.books}}")),
                node("child", "message", Map.of("message", "Ask a grown-up to help you choose, {{vars.user_name}}.")),
                node("oops", "message", Map.of("message", "The library is closed right now."))));
        data.put("edges", List.of(
                edge("e1", "start", "welcome", null),
                edge("e2", "welcome", "ask_name", null),
                edge("e3", "ask_name", "ask_age", null),
                edge("e4", "ask_age", "check_age", null),
                edge("e5", "check_age", "recommend", "teen"),
                edge("e6", "check_age", "recommend", "adult"),
                edge("e7", "check_age", "child", "else"),
                edge("e8", "recommend", "show", null),
                edge("e9", "recommend", "oops", "error")));
        data.put("variables", Map.of("user_name", "", "age", 0));
        return data;
    }

    String newDraft(Map<String, Object> data) {
        return assertStatus(server.post("/api/v1/chatflows/draft", token, data), 201).path("draft_id").asText();
    }

    JsonNode execute(String draftId, String input, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", input);
        if (sessionId != null) {
            body.put("session_id", sessionId);
        }
        return assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/execute", token, body), 200);
    }

    static List<String> loggedNodes(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("execution_log").forEach(e -> ids.add(e.path("node_id").asText()));
        return ids;
    }

    @Test
    @DisplayName("the seed's example flow runs in preview with its log, deploys and answers on the public API")
    void seedExample() {
        String draftId = newDraft(seedFlow());
        JsonNode validation = assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/validate", token, null), 200);
        assertThat(validation.path("errors")).as(validation.toString()).isEmpty();
        assertThat(validation.path("valid").asBoolean()).isTrue();

        model.then(FakeOpenAiServer.answer("{\"intent\": \"billing\"}", 20, 5));
        JsonNode run = execute(draftId, "How do I claim the warranty on my kettle?", null);
        assertThat(loggedNodes(run)).containsExactly("start", "llm1", "condition1", "kb_search", "response");
        assertThat(run.path("execution_log").get(2).path("branch").asText()).isEqualTo("true");
        assertThat(run.path("execution_log").get(1).path("output").path("intent").asText()).isEqualTo("billing");
        assertThat(run.path("output").asText()).contains("receipt");
        assertThat(run.path("sources")).isNotEmpty();
        assertThat(run.path("status").asText()).isEqualTo("responded");
        assertThat(run.path("execution_time_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(model.received().get(model.received().size() - 1).body().toString())
                .contains("Classify user intent: How do I claim the warranty");

        model.then(FakeOpenAiServer.answer("{\"intent\": \"other\"}", 20, 5));
        JsonNode other = execute(draftId, "hello there", run.path("session_id").asText());
        assertThat(loggedNodes(other)).containsExactly("start", "llm1", "condition1", "general");
        assertThat(other.path("output").asText()).isEqualTo("I can help with billing and warranty questions.");

        // streamed, the test run says which node is running before the answer comes
        model.then(FakeOpenAiServer.answer("{\"intent\": \"billing\"}", 20, 5));
        TestServer.Response stream = server.send("POST", "/api/v1/chatflows/draft/" + draftId + "/execute", token,
                Map.of("input", "Is the kettle under warranty?", "session_id", run.path("session_id").asText()),
                "Accept", "text/event-stream");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(ChatbotApiContract.events(stream.body()))
                .containsExactly("start", "step", "step", "step", "step", "step", "done");
        List<String> steps = new ArrayList<>();
        String[] lines = stream.body().split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i - 1].equals("event: step")) {
                steps.add(readJson(lines[i].substring("data: ".length())).path("node_id").asText());
            }
        }
        assertThat(steps).containsExactly("start", "llm1", "condition1", "kb_search", "response");
        JsonNode streamed = ChatbotApiContract.lastData(stream.body());
        assertThat(loggedNodes(streamed)).isEqualTo(steps);
        assertThat(streamed.path("session_id").asText()).isEqualTo(run.path("session_id").asText());

        JsonNode deployed = assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/deploy", token, null), 200);
        String flowId = deployed.path("chatflow_id").asText();
        String key = deployed.path("api_key").asText();
        assertThat(deployed.path("channels").path("api").path("chat_url").asText()).endsWith("/bots/" + flowId + "/chat");
        model.then(FakeOpenAiServer.answer("{\"intent\": \"billing\"}", 20, 5));
        JsonNode answer = assertStatus(server.post("/api/v1/bots/" + flowId + "/chat", key,
                Map.of("message", "How often should I descale?")), 200);
        assertThat(answer.path("response").asText()).contains("vinegar");
        assertThat(answer.path("metadata").path("mode").asText()).isEqualTo("chatflow");
        assertThat(answer.path("messages").get(0).path("type").asText()).isEqualTo("text");
        assertThat(answer.path("input").isNull()).isTrue();

        // with its contact form on, a visitor's details are kept for the builder
        assertStatus(server.patch("/api/v1/chatflows/" + flowId, token, Map.of("data", Map.of("lead_capture",
                Map.of("enabled", true, "required_fields", List.of("email"))))), 200);
        assertStatus(server.post("/api/v1/leads/capture", key, Map.of("bot_id", flowId, "email", "ann@example.com",
                "session_id", answer.path("session_id").asText())), 201);
        JsonNode leads = assertStatus(server.get("/api/v1/chatflows/" + flowId + "/leads", token), 200);
        assertThat(leads.path("leads").findValuesAsText("email")).containsExactly("ann@example.com");
        assertError(server.get("/api/v1/chatflows/" + flowId + "/leads?limit=many", token), 400, "invalid_field");

        // what the builder sees afterwards
        JsonNode sessions = assertStatus(server.get("/api/v1/chatflows/" + flowId + "/sessions", token), 200);
        assertThat(sessions.path("sessions")).hasSize(1);
        JsonNode listed = assertStatus(server.get("/api/v1/chatflows", token), 200);
        assertThat(listed.path("chatflows").findValuesAsText("id")).contains(flowId);
    }

    @Test
    @DisplayName("a multi-turn flow asks, re-asks on a bad answer, branches on the age and calls a webhook with a secret")
    void multiTurn() {
        String draftId = newDraft(multiTurnFlow());
        JsonNode validation = assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/validate", token, null), 200);
        assertThat(validation.path("errors")).as(validation.toString()).isEmpty();

        JsonNode first = execute(draftId, "hi", null);
        String session = first.path("session_id").asText();
        assertThat(first.path("status").asText()).isEqualTo("waiting");
        assertThat(first.path("messages").findValuesAsText("text")).containsExactly("Welcome to Bookbot!", "What's your name?");
        assertThat(first.path("input").path("node_id").asText()).isEqualTo("ask_name");
        assertThat(first.path("state").path("waiting_on").asText()).isEqualTo("ask_name");
        int revision = first.path("state").path("revision").asInt();

        JsonNode bad = execute(draftId, "R2-D2!", session);
        assertThat(bad.path("messages").findValuesAsText("text")).containsExactly("Please enter a valid name", "What's your name?");
        assertThat(bad.path("state").path("revision").asInt()).isEqualTo(revision + 1);

        JsonNode named = execute(draftId, "Ann", session);
        assertThat(named.path("response").asText()).contains("Nice to meet you, Ann! How old are you?");
        assertThat(named.path("input").path("type").asText()).isEqualTo("number");

        JsonNode aged = execute(draftId, "15", session);
        assertThat(loggedNodes(aged)).containsExactly("ask_age", "check_age", "recommend", "show");
        assertThat(aged.path("execution_log").get(1).path("branch").asText()).isEqualTo("teen");
        assertThat(aged.path("output").asText()).contains("Ann, I found 2 books").contains("Holes");
        assertThat(webhookCalls).hasSize(1);
        assertThat(webhookCalls.get(0).get("authorization")).isEqualTo("Bearer tok-s3cr3t-value");
        assertThat(webhookCalls.get(0).get("body")).contains("\"name\":\"Ann\"");
        // the secret appears in no answer, log or stored state
        assertThat(aged.toString()).doesNotContain("tok-s3cr3t-value");
        JsonNode stored = assertStatus(server.get("/api/v1/chatflows/sessions/" + session + "/state", token), 200);
        assertThat(stored.toString()).doesNotContain("tok-s3cr3t-value");
        assertThat(stored.path("vars").path("user_name").asText()).isEqualTo("Ann");
        assertThat(stored.path("state_hash").asText()).hasSize(44);

        // a new conversation of a child goes the else way
        JsonNode child = execute(draftId, "hi", null);
        execute(draftId, "Tom", child.path("session_id").asText());
        JsonNode young = execute(draftId, "8", child.path("session_id").asText());
        assertThat(loggedNodes(young)).containsExactly("ask_age", "check_age", "child");
        assertThat(webhookCalls).hasSize(1);

        // deployed, the same flow talks through the public chat API and the OpenAI-compatible endpoint
        JsonNode deployed = assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/deploy", token, null), 200);
        String flowId = deployed.path("chatflow_id").asText();
        String key = deployed.path("api_key").asText();
        JsonNode hello = assertStatus(server.post("/api/v1/bots/" + flowId + "/chat", key, Map.of("message", "hi")), 200);
        assertThat(hello.path("input").path("node_id").asText()).isEqualTo("ask_name");
        String visitor = hello.path("session_id").asText();
        assertThat(assertStatus(server.post("/api/v1/bots/" + flowId + "/chat", key, Map.of("message", "Bea",
                "session_id", visitor)), 200).path("response").asText()).contains("Nice to meet you, Bea!");
        JsonNode completion = assertStatus(server.post("/v1/chat/completions", key, Map.of("model", flowId,
                "session_id", visitor, "messages", List.of(Map.of("role", "user", "content", "30")))), 200);
        assertThat(completion.path("choices").get(0).path("message").path("content").asText())
                .contains("Bea, I found 2 books");
        assertThat(completion.path("parley").path("session_id").asText()).isEqualTo(visitor);
        assertThat(webhookCalls).hasSize(2);
    }

    @Test
    @DisplayName("a flow exported as a file imports as a new draft; newer or broken files are refused")
    void exportAndImport() {
        String draftId = newDraft(multiTurnFlow());
        TestServer.Response download = server.get("/api/v1/chatflows/draft/" + draftId + "/export", token);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-disposition").orElse("")).contains("Bookbot.chatflow.json");
        JsonNode file = download.json();
        assertThat(file.path("parley_chatflow").asInt()).isEqualTo(1);
        JsonNode imported = assertStatus(server.post("/api/v1/chatflows/import", token, file), 201);
        assertThat(imported.path("valid").asBoolean()).as(imported.toString()).isTrue();
        String copy = imported.path("draft_id").asText();
        assertThat(copy).isNotEqualTo(draftId);
        JsonNode run = execute(copy, "hi", null);
        assertThat(run.path("input").path("node_id").asText()).isEqualTo("ask_name");

        Map<String, Object> newer = new LinkedHashMap<>(JSON.convertValue(file, Map.class));
        newer.put("parley_chatflow", 99);
        assertThat(assertError(server.post("/api/v1/chatflows/import", token, newer), 400, "invalid_field")
                .path("message").asText()).contains("newer Parley");
        assertError(server.post("/api/v1/chatflows/import", token, Map.of("nodes", List.of())), 400, "invalid_field");
        JsonNode broken = assertError(server.post("/api/v1/chatflows/import", token, Map.of("parley_chatflow", 1,
                "flow", Map.of("nodes", List.of(Map.of("id", "a b", "type", "message"))))), 400, "invalid_field");
        assertThat(broken.path("details").path("field").asText()).isEqualTo("flow.nodes[0].id");
    }

    @Test
    @DisplayName("the model routes the message, extracts values asking for the missing one, and memory keeps a note; "
            + "a handoff opens one ticket")
    void modelNodes() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Booking desk");
        data.put("nodes", List.of(
                node("start", "trigger", Map.of()),
                node("route", "llm_router", Map.of("branches", List.of(
                        Map.of("id", "booking", "description", "wants to book a table"),
                        Map.of("id", "human", "description", "wants to talk to a person")))),
                node("details", "extract", Map.of("parameters", List.of(
                        Map.of("name", "guests", "type", "number", "description", "how many guests", "required", true),
                        Map.of("name", "email", "type", "email", "description", "your email", "required", true)))),
                node("remember", "memory", Map.of("action", "save", "value", "{{vars.guests}} guests, {{vars.email}}")),
                node("recall", "memory", Map.of("action", "load", "limit", 4)),
                node("booked", "response", Map.of("message", "Booked for {{vars.guests}}; notes: {{recall.notes}}")),
                node("person", "handoff", Map.of("reason", "Asked for a person: {{input}}", "priority", "high")),
                node("bye", "response", Map.of("message", "Ticket {{person.ticket_id}} is open.")),
                node("other", "response", Map.of("message", "I can book tables."))));
        data.put("edges", List.of(
                edge("e1", "start", "route", null),
                edge("e2", "route", "details", "booking"),
                edge("e3", "route", "person", "human"),
                edge("e4", "route", "other", "else"),
                edge("e5", "details", "remember", null),
                edge("e6", "remember", "recall", null),
                edge("e7", "recall", "booked", null),
                edge("e8", "person", "bye", null)));
        String draftId = newDraft(data);
        JsonNode validation = assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/validate", token, null), 200);
        assertThat(validation.path("errors")).as(validation.toString()).isEmpty();

        model.then(FakeOpenAiServer.answer("booking", 10, 1),
                FakeOpenAiServer.answer("{\"guests\": 4, \"email\": null}", 10, 5));
        JsonNode first = execute(draftId, "A table for 4 tonight please", null);
        String session = first.path("session_id").asText();
        assertThat(first.path("status").asText()).isEqualTo("waiting");
        assertThat(first.path("output").asText()).isEqualTo("Could you tell me your email?");
        assertThat(first.path("execution_log").get(1).path("branch").asText()).isEqualTo("booking");

        model.then(FakeOpenAiServer.answer("{\"guests\": null, \"email\": \"ann@example.com\"}", 10, 5));
        JsonNode second = execute(draftId, "ann@example.com", session);
        assertThat(second.path("output").asText()).isEqualTo("Booked for 4; notes: [\"4 guests, ann@example.com\"]");
        assertThat(second.path("state").path("vars").path("email").asText()).isEqualTo("ann@example.com");

        model.then(FakeOpenAiServer.answer("human", 10, 1));
        JsonNode escalated = execute(draftId, "Let me speak to someone", null);
        String ticket = escalated.path("execution_log").get(2).path("output").path("ticket_id").asText();
        assertThat(escalated.path("output").asText()).contains("I'm passing you to a person").contains("Ticket " + ticket);
        JsonNode handoffs = assertStatus(server.get("/api/v1/handoffs?status=open", token), 200);
        assertThat(handoffs.path("handoffs").findValuesAsText("id")).contains(ticket);
        assertThat(handoffs.toString()).contains("Asked for a person: Let me speak to someone").contains("\"high\"");
        JsonNode conversation = assertStatus(server.get("/api/v1/sessions/" + escalated.path("session_id").asText(), token), 200);
        assertThat(conversation.path("session").path("metadata").path("handoff").path("ticket_id").asText()).isEqualTo(ticket);
        JsonNode closed = assertStatus(server.post("/api/v1/handoffs/" + ticket + "/close", token, null), 200);
        assertThat(closed.path("status").asText()).isEqualTo("closed");
    }

    @Test
    @DisplayName("a stale revision gets 409 and the newer change is kept")
    void staleRevision() {
        String draftId = newDraft(multiTurnFlow());
        JsonNode first = execute(draftId, "hi", null);
        String session = first.path("session_id").asText();
        int revision = first.path("state").path("revision").asInt();
        String path = "/api/v1/chatflows/sessions/" + session + "/state";
        JsonNode changed = assertStatus(server.patch(path, token, Map.of("revision", revision,
                "vars", Map.of("user_name", "Zed"))), 200);
        assertThat(changed.path("revision").asInt()).isEqualTo(revision + 1);
        JsonNode stale = assertError(server.patch(path, token, Map.of("revision", revision,
                "vars", Map.of("user_name", "Lost"))), 409, "stale_revision");
        assertThat(stale.path("details").path("current_revision").asInt()).isEqualTo(revision + 1);
        assertThat(assertStatus(server.get(path, token), 200).path("vars").path("user_name").asText()).isEqualTo("Zed");
        assertError(server.patch(path, token, Map.of("vars", Map.of("user_name", "NoRevision"))), 400, "invalid_field");
    }

    @Test
    @DisplayName("what a visitor types is never run as a template")
    void templateInjection() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Echo");
        data.put("nodes", List.of(node("start", "trigger", Map.of()),
                node("echo", "response", Map.of("message", "You said: {{input}}"))));
        data.put("edges", List.of(edge("e1", "start", "echo", null)));
        String draftId = newDraft(data);
        JsonNode run = execute(draftId, "{{secret:wriveted_token}} and {{vars.x}}", null);
        assertThat(run.path("output").asText()).isEqualTo("You said: {{secret:wriveted_token}} and {{vars.x}}");
    }

    @Test
    @DisplayName("validate reports problems node by node; deploy refuses an invalid flow and keeps the draft")
    void validation() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Broken");
        data.put("nodes", List.of(
                node("ask", "question", Map.of("question", "Name?", "variable", "name")),
                node("branch", "condition", Map.of("branches", List.of(Map.of("id", "a", "when", "vars.nope == 1")))),
                node("search", "knowledge_base", Map.of("kb_id", "00000000-0000-4000-8000-000000000000")),
                node("call", "http", Map.of("method", "GET", "url", "https://example.com",
                        "headers", Map.of("Authorization", "Bearer {{secret:missing_secret}}"))),
                node("mystery", "teleport", Map.of()),
                node("spin1", "message", Map.of("message", "round")),
                node("spin2", "message", Map.of("message", "and round"))));
        data.put("edges", List.of(
                edge("e1", "ask", "branch", null),
                edge("e2", "branch", "search", "a"),
                edge("e3", "search", "ghost", null),
                edge("e4", "spin1", "spin2", null),
                edge("e5", "spin2", "spin1", null)));
        String draftId = newDraft(data);
        JsonNode result = assertStatus(server.post("/api/v1/chatflows/draft/" + draftId + "/validate", token, null), 200);
        assertThat(result.path("valid").asBoolean()).isFalse();
        String errors = result.path("errors").toString();
        assertThat(errors).contains("trigger");
        assertThat(result.path("errors").findValuesAsText("node_id"))
                .contains("branch", "search", "call", "mystery", "spin1");
        assertThat(errors).contains("else").contains("nope").contains("ghost").contains("missing_secret")
                .contains("teleport").contains("never waits");
        assertThat(result.path("warnings").toString()).contains("error path");

        JsonNode refused = assertError(server.post("/api/v1/chatflows/draft/" + draftId + "/deploy", token, null),
                422, "validation_failed");
        assertThat(refused.path("details").path("errors")).isNotEmpty();
        assertStatus(server.get("/api/v1/chatflows/draft/" + draftId, token), 200);
        // a bad save names the field and keeps what was saved
        JsonNode bad = assertError(server.patch("/api/v1/chatflows/draft/" + draftId, token,
                Map.of("data", Map.of("nodes", List.of(Map.of("id", "two words", "type", "message"))))), 400, "invalid_field");
        assertThat(bad.path("details").path("field").asText()).isEqualTo("nodes[0].id");
        assertThat(assertStatus(server.get("/api/v1/chatflows/draft/" + draftId, token), 200).toString()).contains("teleport");
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
