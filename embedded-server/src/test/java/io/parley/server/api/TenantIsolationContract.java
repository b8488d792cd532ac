package io.parley.server.api;

import io.parley.server.testing.Multipart;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.api.KbFixtures.KbIds;
import io.parley.server.api.OpenApiRoutes.Route;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation over EVERY route the server documents in /openapi: user B (and B's API key)
 * calling with user A's organization, workspace, member, key, draft, source, knowledge-base,
 * document and job ids gets 404 — never 200, never a 403 that would reveal the resource exists,
 * never 500 — and A's data is unchanged afterwards.
 *
 * <p>The route list is not written down here: it comes from the server. A new route with a path
 * parameter this test does not know, a new authenticated route without path parameters, a new
 * free-form body or a new upload route fails the test until it is taught how to attack that route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenantIsolationContract {

    /** Path parameters this test knows how to fill with the victim's and the attacker's ids. */
    static final Set<String> KNOWN_PATH_PARAMS = Set.of("org_id", "workspace_id", "user_id", "key_id",
            "draft_id", "source_id", "kb_id", "document_id", "job_id", "chatbot_id", "bot_key_id", "session_id",
            "bot_id", "credential_id", "chatflow_id", "handoff_id");

    /** Values that {@link OpenApiRoutes.Route#fill} uses instead of {@code draft_id} on chatbot routes. */
    static final Set<String> TYPED_PATH_PARAMS = Set.of("chatbots/draft_id", "chatflows/draft_id", "chatflows/session_id");

    /** Authenticated routes without path parameters that act on the caller's own account. */
    static final Set<String> ACCOUNT_ROUTES = Set.of(
            "GET /api/v1/auth/me", "GET /api/v1/orgs", "POST /api/v1/orgs");

    /**
     * Authenticated routes about the server itself, the same for every tenant: describing it, or
     * server-wide maintenance that only the server's administrator may run.
     */
    static final Set<String> SERVER_ROUTES = Set.of("GET /api/v1/kb/options", "POST /api/v1/credentials/rotate-key",
            "POST /api/v1/admin/backup"); // the administrator only: BackupRestoreTest

    /**
     * Authenticated routes without path parameters that act in the workspace the request names
     * ({@code workspace_id} in the query, or in the body of a POST) or else the caller's default one.
     */
    static final Set<String> WORKSPACE_CHOOSING_ROUTES = Set.of(
            "GET /api/v1/api-keys", "POST /api/v1/api-keys",
            "POST /api/v1/kb/draft", "GET /api/v1/kb/drafts", "GET /api/v1/kb",
            "POST /api/v1/chatbots/draft", "GET /api/v1/chatbots/drafts", "GET /api/v1/chatbots",
            "POST /api/v1/chatflows/draft", "GET /api/v1/chatflows/drafts", "GET /api/v1/chatflows", "GET /api/v1/handoffs",
            "POST /api/v1/chatflows/import",
            "GET /api/v1/credentials", "POST /api/v1/credentials",
            "GET /api/v1/models/default", "PUT /api/v1/models/default", "POST /api/v1/models/test");


    /** What A's knowledge base holds, and a query that finds it. */
    static final String A_TEXT = "Acme kettles must be descaled every month with white vinegar.";
    static final String A_QUERY = "how often to descale the kettle with vinegar";

    /** Routes anyone may call. Anything else must demand credentials. */
    static final Set<String> PUBLIC_ROUTES = Set.of(
            "POST /api/v1/auth/signup", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
            "GET /health/live", "GET /health/ready", "GET /openapi",
            // a bot's public API: its own keys, not accounts (ChatbotApiTest attacks them)
            "GET /api/v1/bots/{bot_id}/config", "POST /api/v1/bots/{bot_id}/chat", "POST /api/v1/bots/{bot_id}/feedback",
            "POST /api/v1/leads/capture", "POST /v1/chat/completions");

    TestServer server;
    List<Route> routes;

    /** The victim: A owns two organizations, with a member C, workspace members and an API key. */
    Account a;
    Account c;
    String acmeOrg;
    String acmeWorkspace;
    String aKeyId;
    String aKeySecret;
    /** The attacker: B, with B's own organization, workspace and an admin API key. */
    Account b;
    String bKeyId;
    String bKeySecret;
    /** Someone in nobody's organization, named in request bodies (adding them would succeed if not stopped). */
    Account d;
    /** A's knowledge-base data (a draft with a source; a knowledge base with a document and its job), and B's. */
    KbIds aKb;
    KbIds bKb;
    /** A's and B's chatbots: a draft, a deployed bot with a key and a conversation. */
    ChatbotFixtures.BotIds aBot;
    ChatbotFixtures.BotIds bBot;
    /** A's and B's chatflows: a draft, a deployed flow with a conversation and a handoff ticket. */
    ChatflowFixtures.FlowIds aFlow;
    ChatflowFixtures.FlowIds bFlow;
    /** A's credential (used by A's default model) and B's. */
    String aCredentialId;
    String bCredentialId;
    static final String A_CREDENTIAL_VALUE = "sk-victim-a-0123456789";

    abstract TestServer startServer(Path dataDir);

    @BeforeAll
    void setUp(@TempDir Path dataDir) {
        server = startServer(dataDir);
        routes = OpenApiRoutes.load(server);

        a = server.signup("Victim A");
        c = server.signup("Victim Member C");
        b = server.signup("Attacker B");
        d = server.signup("Bystander D");
        acmeOrg = assertStatus(server.post("/api/v1/orgs", a.accessToken(), Map.of("name", "Acme")), 201)
                .path("id").asText();
        acmeWorkspace = assertStatus(server.get("/api/v1/orgs/" + acmeOrg + "/workspaces", a.accessToken()), 200)
                .path("workspaces").get(0).path("id").asText();
        for (String org : List.of(a.organizationId(), acmeOrg)) {
            assertStatus(server.post("/api/v1/orgs/" + org + "/members", a.accessToken(),
                    Map.of("email", c.email(), "role", "editor")), 201);
        }
        for (String ws : List.of(a.workspaceId(), acmeWorkspace)) {
            assertStatus(server.post("/api/v1/workspaces/" + ws + "/members", a.accessToken(),
                    Map.of("email", c.email(), "role", "admin")), 201);
        }
        JsonNode aKey = assertStatus(server.post("/api/v1/api-keys", a.accessToken(),
                Map.of("name", "A's key", "role", "admin")), 201);
        aKeyId = aKey.path("id").asText();
        aKeySecret = aKey.path("key").asText();
        JsonNode bKey = assertStatus(server.post("/api/v1/api-keys", b.accessToken(),
                Map.of("name", "B's key", "role", "admin")), 201);
        bKeyId = bKey.path("id").asText();
        bKeySecret = bKey.path("key").asText();

        aKb = KbFixtures.create(server, a.accessToken(), a.workspaceId(), A_TEXT);
        bKb = KbFixtures.create(server, b.accessToken(), b.workspaceId(), "Bolt Ltd repairs bicycles on Saturdays.");
        KbFixtures.awaitJob(server, a.accessToken(), aKb.jobId());
        KbFixtures.awaitJob(server, b.accessToken(), bKb.jobId());
        aBot = ChatbotFixtures.create(server, a.accessToken(), a.workspaceId(), aKb.kbId());
        bBot = ChatbotFixtures.create(server, b.accessToken(), b.workspaceId(), bKb.kbId());
        aFlow = ChatflowFixtures.create(server, a.accessToken(), a.workspaceId());
        bFlow = ChatflowFixtures.create(server, b.accessToken(), b.workspaceId());
        aCredentialId = assertStatus(server.post("/api/v1/credentials", a.accessToken(),
                Map.of("name", "A's model key", "type", "api_key", "value", A_CREDENTIAL_VALUE)), 201).path("id").asText();
        bCredentialId = assertStatus(server.post("/api/v1/credentials", b.accessToken(),
                Map.of("name", "B's model key", "type", "api_key", "value", "sk-attacker-b")), 201).path("id").asText();
        assertStatus(server.send("PUT", "/api/v1/models/default", a.accessToken(), Map.of("provider", Map.of(
                "type", "offline"), "model", "victim-model", "temperature", 0.3)), 200); // A's bots stay offline
    }

    @AfterAll
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    // --- the route list itself ------------------------------------------------------------

    @Test
    @DisplayName("every path parameter in /openapi is one this test knows how to attack")
    void everyPathParameterIsKnown() {
        Set<String> unknown = new TreeSet<>();
        routes.forEach(r -> r.pathParams().stream().filter(p -> !KNOWN_PATH_PARAMS.contains(p))
                .forEach(p -> unknown.add(p + " (in " + r + ")")));
        assertThat(unknown).as("path parameters without victim/attacker values: extend TenantIsolationContract")
                .isEmpty();
        assertThat(routes).as("routes with path parameters").anyMatch(r -> !r.pathParams().isEmpty());
    }

    @Test
    @DisplayName("every authenticated route without path parameters is a known account or workspace-choosing route")
    void routesWithoutPathParametersAreKnown() {
        List<String> unknown = routes.stream().filter(Route::authenticated).filter(r -> r.pathParams().isEmpty())
                .map(Route::toString)
                .filter(r -> !ACCOUNT_ROUTES.contains(r) && !WORKSPACE_CHOOSING_ROUTES.contains(r)
                        && !SERVER_ROUTES.contains(r)).toList();
        assertThat(unknown).as("new authenticated routes without path parameters: decide how they are isolated "
                + "and add them to TenantIsolationContract").isEmpty();
        assertThat(routes.stream().map(Route::toString).toList()).as("documented routes")
                .containsAll(ACCOUNT_ROUTES).containsAll(WORKSPACE_CHOOSING_ROUTES).containsAll(SERVER_ROUTES);
    }

    @Test
    @DisplayName("every request body and every upload route is one this test can fill")
    void bodiesAndUploadsAreKnown() {
        Set<String> freeForm = new TreeSet<>();
        for (Route route : routes) {
            if (route.authenticated() && route.hasBody()) {
                sampleBody(route); // fails for a field or a free-form body it cannot fill
            }
            if (FreeFormBodies.isFreeForm(route)) {
                freeForm.add(route.toString());
            }
        }
        assertThat(freeForm).as("routes with a free-form JSON body").isEqualTo(FreeFormBodies.CONTRACTS.keySet());
        Set<String> uploads = new TreeSet<>();
        routes.stream().filter(r -> r.summary().toLowerCase(Locale.ROOT).contains("multipart"))
                .forEach(r -> uploads.add(r.toString()));
        assertThat(uploads).as("routes documenting a multipart upload: list them in UploadRoutes.ALL")
                .isEqualTo(UploadRoutes.ALL);
    }

    @Test
    @DisplayName("every route except the public ones answers 401 to an anonymous caller")
    void everyNonPublicRouteNeedsCredentials() {
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            String name = route.toString();
            if (PUBLIC_ROUTES.contains(name)) {
                assertThat(route.authenticated()).as("%s is documented as public", name).isFalse();
                continue;
            }
            if (!route.authenticated()) {
                failures.add(name + " is public but not in PUBLIC_ROUTES");
                continue;
            }
            for (Sent sent : callEveryWay(route, values(p -> victimValues(p).get(0)), null)) {
                Response r = sent.response();
                if (r.status() != 401 || !"unauthorized".equals(r.errorCode())) {
                    failures.add(sent.what() + " without credentials answered " + r.status() + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    // --- the attack -----------------------------------------------------------------------

    @Test
    @DisplayName("user B calling any route with A's ids gets 404, and A's data is unchanged")
    void userCannotReachAnotherTenant() {
        JsonNode before = snapshotOf(a);
        List<String> failures = new ArrayList<>();
        int attacks = 0;

        for (Route route : routes) {
            if (!route.authenticated() || route.pathParams().isEmpty()) {
                continue;
            }
            for (Map<String, String> ids : attackAssignments(route)) {
                for (Sent sent : callEveryWay(route, ids, b.accessToken())) {
                    attacks++;
                    Response r = sent.response();
                    if (r.status() != 404 || !"not_found".equals(r.errorCode())) {
                        failures.add(sent.what() + " answered " + r.status() + " " + r.body());
                    } else {
                        ApiAssertions.assertErrorEnvelope(r);
                    }
                }
            }
        }

        assertThat(failures).as("isolation failures for user B").isEmpty();
        assertThat(attacks).as("number of attacks made").isGreaterThan(20);
        assertUnchanged(before);
    }

    @Test
    @DisplayName("B's API key calling any route with A's ids gets 404 (or the same answer as for an id that does not exist)")
    void apiKeyCannotReachAnotherTenant() {
        JsonNode before = snapshotOf(a);
        List<String> failures = new ArrayList<>();

        for (Route route : routes) {
            if (!route.authenticated() || route.pathParams().isEmpty()) {
                continue;
            }
            for (Map<String, String> ids : attackAssignments(route)) {
                List<Sent> attempts = callEveryWay(route, ids, bKeySecret);
                Map<String, String> random = new HashMap<>(ids);
                random.replaceAll((param, value) -> isVictimValue(param, value) ? UUID.randomUUID().toString() : value);
                List<Sent> baselines = callEveryWay(route, random, bKeySecret);
                for (int i = 0; i < attempts.size(); i++) {
                    Response r = attempts.get(i).response();
                    Response baseline = baselines.get(i).response();
                    boolean workspaceScoped = !route.path().startsWith("/api/v1/orgs");
                    boolean ok = workspaceScoped
                            ? r.status() == 404 && "not_found".equals(r.errorCode())
                            : r.status() == baseline.status() && r.status() >= 400 && r.status() < 500
                              && String.valueOf(r.errorCode()).equals(baseline.errorCode());
                    if (!ok) {
                        failures.add(attempts.get(i).what() + " answered " + r.status() + " " + r.body()
                                + " (for unknown ids: " + baseline.status() + " " + baseline.errorCode() + ")");
                    } else {
                        ApiAssertions.assertErrorEnvelope(r);
                    }
                }
            }
        }

        assertThat(failures).as("isolation failures for B's API key").isEmpty();
        assertUnchanged(before);
    }

    @Test
    @DisplayName("A's API key on B's workspace data (workspace, keys, drafts, knowledge bases, jobs) gets 404")
    void victimKeyCannotReachAttackerWorkspace() {
        int checked = 0;
        for (Route route : routes) {
            // organization routes refuse every API key (403), whoever's ids they carry
            if (!route.authenticated() || route.pathParams().isEmpty() || route.path().startsWith("/api/v1/orgs")) {
                continue;
            }
            for (Sent sent : callEveryWay(route, values(this::ownValue), aKeySecret)) {
                assertThat(sent.response().status()).as("%s with A's key: %s", sent.what(), sent.response().body())
                        .isEqualTo(404);
                ApiAssertions.assertErrorEnvelope(sent.response());
                checked++;
            }
        }
        assertThat(checked).as("routes tried with B's ids").isGreaterThan(20);
        assertError(server.get("/api/v1/api-keys?workspace_id=" + b.workspaceId(), aKeySecret), 404, "not_found");
        assertError(server.delete("/api/v1/api-keys/" + bKeyId, aKeySecret), 404, "not_found");
        assertStatus(server.get("/api/v1/workspaces/" + b.workspaceId(), bKeySecret), 200);
        assertStatus(server.get("/api/v1/kb/" + bKb.kbId(), bKeySecret), 200);
        assertStatus(server.get("/api/v1/kb/draft/" + bKb.draftId(), bKeySecret), 200);
        // the 404s above are A's key meeting B's data, not routes that refuse API keys
        assertStatus(server.get("/api/v1/chatbots/draft/" + bBot.draftId(), bKeySecret), 200);
        assertStatus(server.get("/api/v1/chatbots/" + bBot.chatbotId(), bKeySecret), 200);
        assertStatus(server.get("/api/v1/chatbots/" + bBot.chatbotId() + "/keys", bKeySecret), 200);
        assertStatus(server.get("/api/v1/sessions/" + bBot.sessionId(), bKeySecret), 200);
        assertStatus(server.get("/api/v1/chatflows/" + bFlow.chatflowId(), bKeySecret), 200);
        assertStatus(server.get("/api/v1/chatflows/sessions/" + bFlow.sessionId() + "/state", bKeySecret), 200);
    }

    @Test
    @DisplayName("workspace-choosing routes take a victim's workspace only to answer 404, and never list A's data")
    void callerScopedRoutesNeverShowAnotherTenant() {
        JsonNode before = snapshotOf(a);
        int checked = 0;
        for (Route route : routes) {
            if (!WORKSPACE_CHOOSING_ROUTES.contains(route.toString())) {
                continue;
            }
            for (String ws : List.of(a.workspaceId(), acmeWorkspace)) {
                for (String caller : List.of(b.accessToken(), bKeySecret)) {
                    Map<String, Object> body = route.hasBody() ? new LinkedHashMap<>(sampleBody(route)) : null;
                    if (body != null) {
                        body.remove("workspace_id");
                    }
                    // in the query string
                    assertError(server.send(route.method(), route.path() + "?workspace_id=" + ws, caller, body),
                            404, "not_found");
                    checked++;
                    if (body != null) {
                        // in the body
                        body.put("workspace_id", ws);
                        assertError(server.send(route.method(), route.path(), caller, body), 404, "not_found");
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("workspace-choosing requests made").isEqualTo(4 * (WORKSPACE_CHOOSING_ROUTES.size()
                + (int) WORKSPACE_CHOOSING_ROUTES.stream().filter(r -> r.startsWith("POST") || r.startsWith("PUT"))
                .count()));
        List<String> victimIds = List.of(a.userId(), a.organizationId(), a.workspaceId(), acmeOrg, acmeWorkspace,
                aKeyId, a.email(), c.userId(), aKb.draftId(), aKb.sourceId(), aKb.kbId(), aKb.documentId(),
                aKb.jobId(), aBot.draftId(), aBot.chatbotId(), aBot.botKeyId(), aBot.sessionId(), aBot.messageId(),
                aCredentialId, aFlow.draftId(), aFlow.chatflowId(), aFlow.sessionId(), aFlow.handoffId());
        for (Route route : routes) {
            if (!route.authenticated() || !route.pathParams().isEmpty() || !route.method().equals("GET")) {
                continue;
            }
            for (String caller : List.of(b.accessToken(), bKeySecret)) {
                Response r = server.get(route.path(), caller);
                assertThat(r.status()).as("%s: %s", route, r.body()).isLessThan(500);
                for (String id : victimIds) {
                    assertThat(r.body()).as("%s as B must not mention A's data", route).doesNotContain(id);
                }
            }
        }
        assertUnchanged(before);
    }

    @Test
    @DisplayName("A's ids inside B's own requests (a query parameter, a search filter) reach nothing of A's")
    void victimIdsInsideOwnRequestsReachNothing() {
        JsonNode before = snapshotOf(a);
        for (String caller : List.of(b.accessToken(), bKeySecret)) {
            assertError(server.get("/api/v1/kb/draft/" + bKb.draftId() + "/preview-chunks?source_id="
                    + aKb.sourceId(), caller), 404, "not_found");
            // A's credential named in B's own model settings: not B's to use, and never revealed
            Map<String, Object> withAsKey = Map.of("provider", Map.of("type", "openai_compatible",
                    "base_url", "http://127.0.0.1:9/v1", "credential_id", aCredentialId), "model", "m");
            for (String method : List.of("PUT /api/v1/models/default", "POST /api/v1/models/test")) {
                String[] parts = method.split(" ");
                JsonNode error = assertError(server.send(parts[0], parts[1], caller, withAsKey), 400, "invalid_field");
                assertThat(error.path("details").path("field").asText()).isEqualTo("provider.credential_id");
            }
            for (Map<String, Object> search : List.of(
                    Map.<String, Object>of("query", A_QUERY, "search_method", "hybrid"),
                    Map.<String, Object>of("query", A_QUERY, "search_method", "keyword",
                            "document_ids", List.of(aKb.documentId())))) {
                Response r = server.post("/api/v1/kb/" + bKb.kbId() + "/search", caller, search);
                assertStatus(r, 200);
                assertThat(r.body()).as("B's search %s", search)
                        .doesNotContain(aKb.documentId(), "white vinegar", "Acme");
            }
        }
        assertUnchanged(before);
    }

    @Test
    @DisplayName("a bot's public routes: B's bot keys, B's token and B's API key cannot use A's bot, rate A's answers, "
            + "join A's conversation or leave leads with A's bot")
    void publicRoutesKeepBotsApart() {
        JsonNode before = snapshotOf(a);
        String aBotPath = "/api/v1/bots/" + aBot.chatbotId();
        String bWidgetKey = assertStatus(server.get("/api/v1/chatbots/" + bBot.chatbotId(), b.accessToken()), 200)
                .path("channels").path("website").path("widget_key").asText();
        assertThat(bWidgetKey).startsWith("wk_");
        assertThat(routes.stream().filter(Route::botKeyRoute).map(Route::toString).toList())
                .as("the bot routes this test attacks").containsExactlyInAnyOrder(
                        "GET /api/v1/bots/{bot_id}/config", "POST /api/v1/bots/{bot_id}/chat",
                        "POST /api/v1/bots/{bot_id}/feedback", "POST /api/v1/leads/capture",
                        "POST /v1/chat/completions");

        // keys of B's bot, and accounts' credentials, open none of A's bot's routes
        for (String credential : List.of(bBot.secretKey(), bWidgetKey, b.accessToken(), bKeySecret, a.accessToken(),
                aKeySecret)) {
            List<Response> answers = List.of(
                    server.send("GET", aBotPath + "/config", credential, null, "Origin", "https://b.example"),
                    server.send("POST", aBotPath + "/chat", credential, Map.of("message", "What do you know?"),
                            "Origin", "https://b.example"),
                    server.send("POST", aBotPath + "/chat", credential, Map.of("message", "And then?",
                            "session_id", aBot.sessionId()), "Origin", "https://b.example"),
                    server.send("POST", aBotPath + "/feedback", credential, Map.of("message_id", aBot.messageId(),
                            "rating", "negative", "comment", "planted by B"), "Origin", "https://b.example"),
                    server.send("POST", "/api/v1/leads/capture", credential, Map.of("bot_id", aBot.chatbotId(),
                            "session_id", aBot.sessionId(), "email", "planted@b.example"), "Origin", "https://b.example"),
                    server.send("POST", "/v1/chat/completions", credential, Map.of("model", aBot.chatbotId(),
                            "messages", List.of(Map.of("role", "user", "content", "What do you know?"))),
                            "Origin", "https://b.example"));
            for (Response r : answers) {
                // the same 401 as for a wrong key: never a 403, 404 or 400 that tells more about A's bot
                assertError(r, 401, "unauthorized");
            }
        }

        // B's own bot, with A's ids in the body: A's answer, conversation and leads stay out of reach
        String bBotPath = "/api/v1/bots/" + bBot.chatbotId();
        assertError(server.post(bBotPath + "/feedback", bBot.secretKey(), Map.of("message_id", aBot.messageId(),
                "rating", "negative")), 404, "not_found");
        JsonNode lead = assertError(server.post("/api/v1/leads/capture", bBot.secretKey(), Map.of(
                "bot_id", bBot.chatbotId(), "session_id", aBot.sessionId(), "email", "planted@b.example")), 400,
                "invalid_field");
        assertThat(lead.path("details").path("field").asText()).isEqualTo("session_id");
        JsonNode joined = assertStatus(server.post(bBotPath + "/chat", bBot.secretKey(), Map.of(
                "message", "What do you know?", "session_id", aBot.sessionId())), 200);
        assertThat(joined.path("session_id").asText()).as("B's chat naming A's conversation starts its own")
                .isNotEqualTo(aBot.sessionId());
        assertThat(joined.toString()).as("B's bot answers from B's knowledge base only")
                .doesNotContain("white vinegar", aKb.documentId(), aKb.kbId());
        String bDraftPreview = "/api/v1/chatbots/draft/" + bBot.draftId() + "/preview";
        JsonNode preview = assertStatus(server.post(bDraftPreview, b.accessToken(), Map.of(
                "message", "What do you know?", "session_id", aBot.sessionId())), 200);
        assertThat(preview.path("session_id").asText()).isNotEqualTo(aBot.sessionId());
        // admin routes refuse every bot key
        for (String key : List.of(aBot.secretKey(), bBot.secretKey(), bWidgetKey)) {
            assertError(server.get("/api/v1/chatbots/" + aBot.chatbotId(), key), 401, "unauthorized");
            assertError(server.get("/api/v1/sessions/" + aBot.sessionId(), key), 401, "unauthorized");
            assertError(server.get("/api/v1/chatbots/" + aBot.chatbotId() + "/leads", key), 401, "unauthorized");
        }

        assertUnchanged(before);
        // A's own key still works on A's bot
        assertThat(assertStatus(server.get(aBotPath + "/config", aBot.secretKey()), 200).path("bot_id").asText())
                .isEqualTo(aBot.chatbotId());
    }

    // --- attack construction ---------------------------------------------------------------

    List<String> victimValues(String param) {
        return switch (param) {
            case "org_id" -> List.of(a.organizationId(), acmeOrg);
            case "workspace_id" -> List.of(a.workspaceId(), acmeWorkspace);
            case "user_id" -> List.of(a.userId(), c.userId());
            case "key_id" -> List.of(aKeyId);
            // drafts of every type share one table and one parameter: A's draft of the other type too
            case "draft_id" -> List.of(aKb.draftId(), aBot.draftId(), aFlow.draftId());
            case "chatbots/draft_id" -> List.of(aBot.draftId(), aKb.draftId());
            case "chatflows/draft_id" -> List.of(aFlow.draftId(), aBot.draftId());
            case "chatflow_id" -> List.of(aFlow.chatflowId(), aBot.chatbotId());
            case "chatflows/session_id" -> List.of(aFlow.sessionId());
            case "handoff_id" -> List.of(aFlow.handoffId());
            case "source_id" -> List.of(aKb.sourceId());
            case "kb_id" -> List.of(aKb.kbId());
            case "document_id" -> List.of(aKb.documentId());
            case "job_id" -> List.of(aKb.jobId());
            case "chatbot_id", "bot_id" -> List.of(aBot.chatbotId());
            case "bot_key_id" -> List.of(aBot.botKeyId());
            case "session_id" -> List.of(aBot.sessionId());
            case "credential_id" -> List.of(aCredentialId);
            default -> throw new AssertionError("unknown path parameter '" + param
                    + "': add victim and attacker values to TenantIsolationContract");
        };
    }

    String ownValue(String param) {
        return switch (param) {
            case "org_id" -> b.organizationId();
            case "workspace_id" -> b.workspaceId();
            case "user_id" -> b.userId();
            case "key_id" -> bKeyId;
            case "draft_id" -> bKb.draftId();
            case "chatbots/draft_id" -> bBot.draftId();
            case "chatflows/draft_id" -> bFlow.draftId();
            case "chatflow_id" -> bFlow.chatflowId();
            case "chatflows/session_id" -> bFlow.sessionId();
            case "handoff_id" -> bFlow.handoffId();
            case "source_id" -> bKb.sourceId();
            case "kb_id" -> bKb.kbId();
            case "document_id" -> bKb.documentId();
            case "job_id" -> bKb.jobId();
            case "chatbot_id", "bot_id" -> bBot.chatbotId();
            case "bot_key_id" -> bBot.botKeyId();
            case "session_id" -> bBot.sessionId();
            case "credential_id" -> bCredentialId;
            default -> throw new AssertionError("unknown path parameter '" + param
                    + "': add victim and attacker values to TenantIsolationContract");
        };
    }

    boolean isVictimValue(String param, String value) {
        return victimValues(param).contains(value);
    }

    /** Every way to fill the route's parameters with B's own or A's ids, with at least one of A's. */
    List<Map<String, String>> attackAssignments(Route route) {
        List<Map<String, String>> assignments = new ArrayList<>();
        assignments.add(new LinkedHashMap<>());
        for (String pathParam : route.pathParams()) {
            String typed = route.typedPrefix() + pathParam;
            String param = TYPED_PATH_PARAMS.contains(typed) ? typed : pathParam;
            List<Map<String, String>> next = new ArrayList<>();
            List<String> choices = new ArrayList<>(victimValues(param));
            choices.add(ownValue(param));
            for (Map<String, String> partial : assignments) {
                for (String choice : choices) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(param, choice);
                    next.add(extended);
                }
            }
            assignments = next;
        }
        return assignments.stream()
                .filter(ids -> ids.entrySet().stream().anyMatch(e -> isVictimValue(e.getKey(), e.getValue())))
                .toList();
    }

    Map<String, String> values(Function<String, String> chooser) {
        Map<String, String> out = new HashMap<>();
        KNOWN_PATH_PARAMS.forEach(p -> out.put(p, chooser.apply(p)));
        TYPED_PATH_PARAMS.forEach(p -> out.put(p, chooser.apply(p)));
        return out;
    }

    /** A body that would succeed if the access check let it through. */
    Map<String, Object> sampleBody(Route route) {
        if (FreeFormBodies.isFreeForm(route)) {
            return FreeFormBodies.of(route).valid().get(0);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : route.bodyFields()) {
            body.put(field, switch (field) {
                case "name" -> "Taken over by B";
                case "email" -> d.email();
                case "role" -> "viewer";
                case "workspace_id" -> a.workspaceId();
                case "query" -> A_QUERY;
                case "top_k" -> 3;
                case "search_method" -> "hybrid";
                case "threshold" -> -1.0;
                case "document_ids" -> List.of(aKb.documentId());
                // a draft's preview: A's conversation named in the body must not be continued
                case "message" -> "What do you know about Acme?";
                case "session_id" -> route.path().startsWith("/api/v1/chatflows/") ? aFlow.sessionId() : aBot.sessionId();
                case "metadata" -> Map.of("variables", Map.of("user_name", "B"));
                // a test run of a flow, and a change of a conversation's flow state
                case "input" -> "What do you know about Acme?";
                case "revision" -> 1;
                case "vars", "user", "context" -> Map.of("planted", "by B");
                case "type" -> "api_key";
                case "value" -> "sk-planted-by-b";
                default -> throw new AssertionError("unknown body field '" + field + "' of " + route
                        + ": teach TenantIsolationContract.sampleBody a value for it");
            });
        }
        return body;
    }

    /** One request made, described for a failure message. */
    record Sent(String what, Response response) {
    }

    /**
     * Calls the route every way that would reach A's data if access were not checked: with its JSON
     * body (if it takes one), and for an upload route also with a multipart file.
     */
    List<Sent> callEveryWay(Route route, Map<String, String> ids, String credential) {
        String path = route.fill(ids);
        Map<String, String> used = new LinkedHashMap<>();
        String typed = route.typedPrefix();
        route.pathParams().forEach(p -> used.put(p, ids.getOrDefault(typed + p, ids.get(p))));
        List<Sent> sent = new ArrayList<>();
        sent.add(new Sent(route + " with " + used, server.send(route.method(), path, credential,
                route.hasBody() ? sampleBody(route) : null)));
        if (UploadRoutes.ALL.contains(route.toString())) {
            Multipart upload = Multipart.textFile("planted.txt", "Planted by someone else.");
            sent.add(new Sent(route + " (multipart upload) with " + used, server.sendBytes(route.method(), path,
                    credential, upload.contentType(), upload.bytes())));
        }
        return sent;
    }

    // --- the victim's data -------------------------------------------------------------------

    /** Everything A can see, as A sees it (minus last_used_at, which legitimately moves). */
    JsonNode snapshotOf(Account owner) {
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
        snapshot.set("me", assertStatus(server.get("/api/v1/auth/me", owner.accessToken()), 200));
        JsonNode orgs = assertStatus(server.get("/api/v1/orgs", owner.accessToken()), 200);
        snapshot.set("orgs", orgs);
        for (JsonNode org : orgs.path("organizations")) {
            String id = org.path("id").asText();
            ObjectNode o = snapshot.putObject("org:" + id);
            o.set("org", assertStatus(server.get("/api/v1/orgs/" + id, owner.accessToken()), 200));
            o.set("members", assertStatus(server.get("/api/v1/orgs/" + id + "/members", owner.accessToken()), 200));
            JsonNode workspaces = assertStatus(server.get("/api/v1/orgs/" + id + "/workspaces", owner.accessToken()),
                    200);
            o.set("workspaces", workspaces);
            for (JsonNode ws : workspaces.path("workspaces")) {
                String wsId = ws.path("id").asText();
                ObjectNode w = snapshot.putObject("ws:" + wsId);
                w.set("ws", assertStatus(server.get("/api/v1/workspaces/" + wsId, owner.accessToken()), 200));
                w.set("members", assertStatus(server.get("/api/v1/workspaces/" + wsId + "/members",
                        owner.accessToken()), 200));
                JsonNode keys = assertStatus(server.get("/api/v1/api-keys?workspace_id=" + wsId,
                        owner.accessToken()), 200).deepCopy();
                keys.path("api_keys").forEach(k -> ((ObjectNode) k).remove("last_used_at"));
                w.set("api_keys", keys);
                snapshotKnowledgeBases(w, wsId, owner.accessToken());
                w.set("credentials", assertStatus(server.get("/api/v1/credentials?workspace_id=" + wsId,
                        owner.accessToken()), 200));
                ObjectNode model = assertStatus(server.get("/api/v1/models/default?workspace_id=" + wsId,
                        owner.accessToken()), 200).deepCopy();
                w.set("model_default", model);
            }
        }
        return snapshot;
    }

    /** Drafts with their sources; knowledge bases with status, documents, chunk counts and what a search finds. */
    void snapshotKnowledgeBases(ObjectNode w, String wsId, String token) {
        JsonNode drafts = assertStatus(server.get("/api/v1/kb/drafts?workspace_id=" + wsId, token), 200);
        w.set("kb_drafts", drafts);
        for (JsonNode draft : drafts.path("drafts")) {
            String id = draft.path("id").asText();
            w.set("kb_draft:" + id + ":sources", assertStatus(server.get(KbFixtures.sources(id), token), 200));
        }
        snapshotChatbots(w, wsId, token);
        snapshotChatflows(w, wsId, token);
        JsonNode kbs = assertStatus(server.get("/api/v1/kb?workspace_id=" + wsId, token), 200);
        w.set("kbs", kbs);
        for (JsonNode kb : kbs.path("knowledge_bases")) {
            String id = kb.path("id").asText();
            w.set("kb:" + id + ":documents", assertStatus(server.get("/api/v1/kb/" + id + "/documents", token), 200));
            ObjectNode search = assertStatus(server.post("/api/v1/kb/" + id + "/search", token,
                    Map.of("query", A_QUERY, "search_method", "hybrid", "top_k", 5)), 200).deepCopy();
            search.remove("took_ms");
            w.set("kb:" + id + ":search", search);
        }
    }

    /** Chatbot drafts, deployed chatbots with their config, keys, conversations and leads. */
    void snapshotChatbots(ObjectNode w, String wsId, String token) {
        JsonNode drafts = assertStatus(server.get("/api/v1/chatbots/drafts?workspace_id=" + wsId, token), 200);
        w.set("chatbot_drafts", drafts);
        for (JsonNode draft : drafts.path("drafts")) {
            String id = draft.path("id").asText();
            w.set("chatbot_draft:" + id, assertStatus(server.get("/api/v1/chatbots/draft/" + id, token), 200));
        }
        JsonNode bots = assertStatus(server.get("/api/v1/chatbots?workspace_id=" + wsId, token), 200);
        w.set("chatbots", bots);
        for (JsonNode bot : bots.path("chatbots")) {
            String id = bot.path("id").asText();
            w.set("chatbot:" + id, assertStatus(server.get("/api/v1/chatbots/" + id, token), 200));
            ObjectNode keys = assertStatus(server.get("/api/v1/chatbots/" + id + "/keys", token), 200).deepCopy();
            keys.path("keys").forEach(k -> ((ObjectNode) k).remove("last_used_at"));
            w.set("chatbot:" + id + ":keys", keys);
            JsonNode sessions = assertStatus(server.get("/api/v1/chatbots/" + id + "/sessions", token), 200);
            List<String> sessionIds = new ArrayList<>();
            for (JsonNode session : sessions.path("sessions")) {
                String sid = session.path("id").asText();
                sessionIds.add(sid);
                ObjectNode conversation = assertStatus(server.get("/api/v1/sessions/" + sid, token), 200).deepCopy();
                w.set("session:" + sid, stableSession(conversation));
            }
            w.set("chatbot:" + id + ":sessions", JsonNodeFactory.instance.arrayNode()
                    .addAll(sessionIds.stream().map(JsonNodeFactory.instance::textNode).toList()));
            w.set("chatbot:" + id + ":leads", assertStatus(server.get("/api/v1/chatbots/" + id + "/leads", token), 200));
        }
    }

    /** Chatflow drafts, deployed chatflows, their conversations with their flow state, and handoffs. */
    void snapshotChatflows(ObjectNode w, String wsId, String token) {
        JsonNode drafts = assertStatus(server.get("/api/v1/chatflows/drafts?workspace_id=" + wsId, token), 200);
        w.set("chatflow_drafts", drafts);
        for (JsonNode draft : drafts.path("drafts")) {
            String id = draft.path("id").asText();
            w.set("chatflow_draft:" + id, assertStatus(server.get("/api/v1/chatflows/draft/" + id, token), 200));
        }
        JsonNode flows = assertStatus(server.get("/api/v1/chatflows?workspace_id=" + wsId, token), 200);
        w.set("chatflows", flows);
        for (JsonNode flow : flows.path("chatflows")) {
            String id = flow.path("id").asText();
            w.set("chatflow:" + id, assertStatus(server.get("/api/v1/chatflows/" + id, token), 200));
            for (JsonNode session : assertStatus(server.get("/api/v1/chatflows/" + id + "/sessions", token), 200)
                    .path("sessions")) {
                String sid = session.path("id").asText();
                ObjectNode conversation = assertStatus(server.get("/api/v1/sessions/" + sid, token), 200).deepCopy();
                w.set("session:" + sid, stableSession(conversation));
                w.set("session:" + sid + ":state", assertStatus(server.get("/api/v1/chatflows/sessions/" + sid
                        + "/state", token), 200));
            }
        }
        w.set("handoffs", assertStatus(server.get("/api/v1/handoffs?workspace_id=" + wsId, token), 200));
    }

    /**
     * A conversation without what time alone changes: the cleanup job marks a quiet session idle
     * (and stamps updated_at). A message, feedback or new metadata still shows in the counters,
     * timestamps and messages.
     */
    static ObjectNode stableSession(ObjectNode conversation) {
        JsonNode session = conversation.path("session");
        if (session instanceof ObjectNode s) {
            s.remove("updated_at");
            if ("idle".equals(s.path("status").asText())) {
                s.put("status", "active");
            }
        }
        return conversation;
    }

    void assertUnchanged(JsonNode before) {
        JsonNode after = snapshotOf(a);
        assertThat(after).as("A's data after the attacks").isEqualTo(before);
        assertThat(after.path("ws:" + a.workspaceId()).path("kb_draft:" + aKb.draftId() + ":sources").path("sources"))
                .as("A's draft keeps its source").anySatisfy(s -> assertThat(s.path("id").asText())
                        .isEqualTo(aKb.sourceId()));
        JsonNode search = after.path("ws:" + a.workspaceId()).path("kb:" + aKb.kbId() + ":search");
        assertThat(search.path("results")).as("A's search still answers: %s", search).isNotEmpty();
        assertThat(search.path("results").get(0).path("document_id").asText()).isEqualTo(aKb.documentId());
        assertStatus(server.get("/api/v1/jobs/" + aKb.jobId(), a.accessToken()), 200);
        assertStatus(server.get("/api/v1/workspaces/" + a.workspaceId(), aKeySecret), 200);
        assertStatus(server.post("/api/v1/auth/login", null, Map.of("email", a.email(),
                "password", "correct horse battery")), 200);
    }
}
