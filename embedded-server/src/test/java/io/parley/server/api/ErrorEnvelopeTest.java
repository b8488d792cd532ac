package io.parley.server.api;

import io.parley.server.testing.Multipart;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.api.KbFixtures.KbIds;
import io.parley.server.api.OpenApiRoutes.Route;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertErrorEnvelope;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind answers the one error envelope with the right status — on every route
 * that takes a body, an upload or an id, as listed by /openapi. Routes with a free-form JSON body
 * take their fields from {@link FreeFormBodies}.
 */
@DisplayName("Error envelope and bad input")
class ErrorEnvelopeTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static List<Route> routes;
    static Account user;
    static String keyId;
    static KbIds kb;
    static ChatbotFixtures.BotIds bot;
    static ChatflowFixtures.FlowIds flow;
    static String credentialId;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
        routes = OpenApiRoutes.load(server);
        user = server.signup("Bad Input");
        keyId = assertStatus(server.post("/api/v1/api-keys", user.accessToken(), Map.of("name", "k")), 201)
                .path("id").asText();
        kb = KbFixtures.create(server, user.accessToken(), user.workspaceId(),
                "Our kettles boil water in ninety seconds.");
        KbFixtures.awaitJob(server, user.accessToken(), kb.jobId());
        bot = ChatbotFixtures.create(server, user.accessToken(), user.workspaceId(), kb.kbId());
        flow = ChatflowFixtures.create(server, user.accessToken(), user.workspaceId());
        credentialId = assertStatus(server.post("/api/v1/credentials", user.accessToken(),
                Map.of("name", "k", "type", "api_key", "value", "sk-error-envelope")), 201).path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The caller's own ids, so that only the input under test can be wrong. */
    static Map<String, String> ownIds() {
        return Map.ofEntries(Map.entry("org_id", user.organizationId()), Map.entry("workspace_id", user.workspaceId()),
                Map.entry("user_id", user.userId()), Map.entry("key_id", keyId), Map.entry("draft_id", kb.draftId()),
                Map.entry("source_id", kb.sourceId()), Map.entry("kb_id", kb.kbId()),
                Map.entry("document_id", kb.documentId()), Map.entry("job_id", kb.jobId()),
                Map.entry("chatbots/draft_id", bot.draftId()),
                Map.entry("chatflows/draft_id", flow.draftId()), Map.entry("chatflow_id", flow.chatflowId()),
                Map.entry("chatflows/session_id", flow.sessionId()), Map.entry("handoff_id", flow.handoffId()), Map.entry("chatbot_id", bot.chatbotId()),
                Map.entry("bot_id", bot.chatbotId()), Map.entry("bot_key_id", bot.botKeyId()),
                Map.entry("session_id", bot.sessionId()),
                Map.entry("credential_id", credentialId));
    }

    /** A body that would succeed: plausible values for documented fields, the usual one for a free-form body. */
    static Map<String, Object> validBody(Route route) {
        if (FreeFormBodies.isFreeForm(route)) {
            return FreeFormBodies.of(route).valid().get(0);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        route.bodyFields().forEach(f -> body.put(f, plausible(f)));
        return body;
    }

    /** The fields a route's body has, with their JSON types: documented in /openapi, or known for a free-form body. */
    static Map<String, String> fieldTypes(Route route) {
        return FreeFormBodies.isFreeForm(route) ? FreeFormBodies.of(route).fields() : route.bodyFieldTypes();
    }

    /** A valid body in which {@code field} means something (for a nested field, one holding its parent object). */
    static Map<String, Object> baseFor(Route route, String field) {
        return FreeFormBodies.isFreeForm(route) ? FreeFormBodies.of(route).baseFor(field) : validBody(route);
    }

    static List<Route> bodyRoutes() {
        List<Route> withBody = routes.stream().filter(Route::hasBody).toList();
        assertThat(withBody).as("routes with a JSON body").isNotEmpty();
        return withBody;
    }

    static Response send(Route route, Map<String, String> ids, Object body) {
        return server.send(route.method(), route.fill(ids), credential(route), body);
    }

    /** What the route's callers present: the user's token, the bot's secret key on a bot's public routes, or nothing. */
    static String credential(Route route) {
        return route.authenticated() ? user.accessToken() : route.botKeyRoute() ? bot.secretKey() : null;
    }

    // --- malformed bodies on every body route ------------------------------------------------

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "   ", "{", "{\"name\":", "{\"name\": \"x\"", "null", "[]", "[{}]", "\"text\"", "42",
            "true", "{} {}", "{\"a\":1,}", "<xml/>", "{'name': 'single quotes'}", "{\"name\": \"x\"} trailing",
            "\u00ff\u00fe\u0000\u0001"})
    @DisplayName("a malformed, empty, null or non-object body is 400 on every route that takes a body")
    void malformedBodies(String body) {
        for (Route route : bodyRoutes()) {
            Response r = send(route, ownIds(), body);
            assertThat(r.status()).as("%s with body [%s]: %s", route, body, r.body()).isEqualTo(400);
            String code = assertErrorEnvelope(r).path("code").asText();
            if (FreeFormBodies.isFreeForm(route)) {
                // a handler that reads 'type' first may answer that 'type' is missing
                assertThat(code).as("%s code", route).isIn("invalid_request", "invalid_field");
            } else {
                assertThat(code).as("%s code", route).isEqualTo("invalid_request");
            }
        }
    }

    @Test
    @DisplayName("a missing body (no Content-Length, no entity) is 400 on every route that takes a body")
    void missingBody() {
        for (Route route : bodyRoutes()) {
            Response r = server.send(route.method(), route.fill(ownIds()), credential(route), null);
            assertError(r, 400, "invalid_request");
        }
    }

    @Test
    @DisplayName("a field of the wrong type is 400 naming that field, on every route and field (nested ones too)")
    void wrongTypes() {
        List<Object> wrongValues = List.of(5, 3.5, true, false, Map.of("nested", "object"), List.of("a"));
        Map<String, List<String>> failures = new TreeMap<>(); // "route field" -> what happened to each wrong value
        int checked = 0;
        for (Route route : bodyRoutes()) {
            Map<String, String> fields = fieldTypes(route);
            assertThat(fields).as("body fields of %s", route).isNotEmpty();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                for (Object wrong : wrongValues) {
                    if (hasType(wrong, field.getValue())) {
                        continue;
                    }
                    Map<String, Object> body = FreeFormBodies.with(baseFor(route, field.getKey()), field.getKey(),
                            wrong);
                    Response r = send(route, ownIds(), body);
                    checked++;
                    List<String> failed = failures.computeIfAbsent(route + " " + field.getKey(),
                            k -> new ArrayList<>());
                    if (r.status() != 400) {
                        failed.add(json(wrong) + " -> " + r.status());
                        continue;
                    }
                    JsonNode error = assertErrorEnvelope(r);
                    String named = error.path("details").path("field").asText();
                    String inDocument = FreeFormBodies.inDocument(field.getKey());
                    boolean namesField = FreeFormBodies.isFreeForm(route)
                            ? named.equals(inDocument) || named.startsWith(inDocument + ".")
                              || error.path("message").asText().contains("'" + inDocument + "'")
                            : named.equals(field.getKey()) && error.path("code").asText().equals("invalid_field");
                    if (!namesField) {
                        failed.add(json(wrong) + " -> 400 naming something else: " + r.body());
                    }
                }
            }
        }
        failures.values().removeIf(List::isEmpty);
        assertThat(failures).as("fields whose wrong types were not refused (value -> status)").isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    static String json(Object value) {
        return value instanceof Map<?, ?> ? "{...}" : value instanceof List<?> ? "[...]" : String.valueOf(value);
    }

    /** True when {@code value} already has the JSON {@code type}, so it is no wrong value for it. */
    static boolean hasType(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            default -> throw new AssertionError("unknown JSON type " + type);
        };
    }

    @Test
    @DisplayName("the classic cases: {\"email\": 5} and {\"name\": true}")
    void classicWrongTypes() {
        JsonNode email = assertError(server.post("/api/v1/auth/signup", null,
                "{\"email\": 5, \"password\": \"correct horse battery\", \"name\": \"x\"}"), 400, "invalid_field");
        assertThat(email.path("details").path("field").asText()).isEqualTo("email");
        assertThat(email.path("message").asText()).contains("email");
        JsonNode name = assertError(server.post("/api/v1/orgs", user.accessToken(), "{\"name\": true}"), 400,
                "invalid_field");
        assertThat(name.path("details").path("field").asText()).isEqualTo("name");
        assertError(server.post("/api/v1/auth/login", null, "{\"email\": 5, \"password\": \"x\"}"), 400,
                "invalid_field");
        // unknown fields are tolerated (newer clients may send more); only known ones are type-checked
        assertStatus(server.post("/api/v1/orgs", user.accessToken(), "{\"name\": \"5\", \"extra\": 1}"), 201);
    }

    @Test
    @DisplayName("bodies beyond the JSON parser's limits (1,200-digit numbers, 1,500-deep nesting) are 400, not 500")
    void parserLimits() {
        List<String> bodies = List.of(
                "{\"name\":" + "9".repeat(1_200) + "}",
                "{\"ignored\":" + "9".repeat(1_200) + ",\"name\":\"x\"}",
                "{\"ignored\":" + "[".repeat(1_500) + "]".repeat(1_500) + ",\"name\":\"x\"}",
                "{\"ignored\":" + "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500) + ",\"name\":\"x\"}");
        for (String body : bodies) {
            assertError(server.post("/api/v1/orgs", user.accessToken(), body), 400, "invalid_request");
            assertError(server.post("/api/v1/auth/login", null, body), 400, "invalid_request");
        }
    }

    @Test
    @DisplayName("missing required fields are 400, never a 500, on every route that takes a body")
    void missingFields() {
        for (Route route : bodyRoutes()) {
            Response r = send(route, ownIds(), "{}");
            if (FreeFormBodies.isFreeForm(route) && FreeFormBodies.of(route).emptyObjectIsValid()) {
                // every field is optional: an empty draft, a PATCH that changes nothing, default annotations
                assertThat(r.status()).as("%s with {}: %s", route, r.body()).isBetween(200, 299);
            } else {
                assertThat(r.status()).as("%s with {}: %s", route, r.body()).isEqualTo(400);
                assertThat(assertErrorEnvelope(r).path("code").asText()).isIn("invalid_field", "invalid_request");
            }
            Map<String, Object> allNull = new LinkedHashMap<>();
            fieldTypes(route).keySet().stream().filter(f -> !f.contains(".")).forEach(f -> allNull.put(f, null));
            Response nulls = send(route, ownIds(), allNull);
            assertThat(nulls.status()).as("%s with nulls: %s", route, nulls.body()).isEqualTo(400);
            assertErrorEnvelope(nulls);
        }
    }

    @Test
    @DisplayName("huge strings in name and email fields are 400 invalid_field; elsewhere a clean 4xx")
    void hugeStrings() {
        String huge = "x".repeat(100_000);
        for (Route route : bodyRoutes()) {
            for (String field : route.bodyFields()) {
                Map<String, Object> body = new LinkedHashMap<>();
                route.bodyFields().forEach(f -> body.put(f, plausible(f)));
                body.put(field, field.equals("email") ? huge + "@example.com" : huge);
                Response r = send(route, ownIds(), body);
                if (field.equals("session_id") && (route.bodyFields().contains("message")
                        || route.bodyFields().contains("input")) && r.status() == 200) {
                    // chat, preview and a flow's test run: an id that is no conversation of this bot starts a new one (by design, so
                    // a visitor with a stale id is not stuck); the huge value must not become a session
                    assertThat(r.json().path("session_id").asText()).as("%s with a huge session_id", route)
                            .isNotEqualTo(huge).hasSize(36);
                    continue;
                }
                if (field.equals("name") || (field.equals("email") && !route.path().endsWith("/login"))
                        || field.equals("role")) {
                    assertThat(r.status()).as("%s with huge %s: %s", route, field, r.body()).isEqualTo(400);
                } else {
                    assertThat(r.status()).as("%s with huge %s: %s", route, field, r.body()).isIn(400, 401, 404);
                }
                assertErrorEnvelope(r);
            }
        }
        List<String> failures = new ArrayList<>();
        for (Route route : bodyRoutes()) {
            if (!FreeFormBodies.isFreeForm(route)) {
                continue;
            }
            for (Map.Entry<String, String> field : FreeFormBodies.of(route).fields().entrySet()) {
                // 'text' is content: up to 2,000,000 characters are welcome
                if (!field.getValue().equals("string") || field.getKey().equals("text")) {
                    continue;
                }
                // a web address stays well-formed, so that only its length is wrong
                Object value = field.getKey().equals("url") ? "http://127.0.0.1:9/" + huge : huge;
                Map<String, Object> body = FreeFormBodies.with(baseFor(route, field.getKey()), field.getKey(), value);
                Response r = send(route, ownIds(), body);
                boolean refused = r.status() == 400 || r.status() == 413
                        || (field.getKey().endsWith("_id") && r.status() == 404); // no such workspace
                if (!refused) {
                    failures.add(route + " with a 100,000-character " + field.getKey() + " -> " + r.status() + " "
                            + excerpt(r.body()));
                } else {
                    assertErrorEnvelope(r);
                }
            }
        }
        assertThat(failures).as("huge strings in free-form bodies that were not refused").isEmpty();
        JsonNode password = assertError(server.post("/api/v1/auth/signup", null, Map.of("email",
                AuthFlowContract.uniqueEmail("huge"), "password", huge, "name", "Huge")), 400, "invalid_field");
        assertThat(password.path("details").path("field").asText()).isEqualTo("password");
        assertError(server.post("/api/v1/auth/login", null, Map.of("email", user.email(), "password", huge)), 401,
                "invalid_credentials");
    }

    static Object plausible(String field) {
        return switch (field) {
            case "email" -> "someone@example.com";
            case "password" -> "correct horse battery";
            case "role" -> "viewer";
            case "workspace_id" -> user.workspaceId();
            case "refresh_token" -> user.refreshToken();
            case "top_k" -> 3;
            case "search_method" -> "keyword";
            case "threshold" -> 0.0;
            case "document_ids" -> List.of();
            // the bodies of a bot's public routes: this bot, its conversation and its answer
            case "bot_id" -> bot.chatbotId();
            case "session_id" -> bot.sessionId();
            case "message_id" -> bot.messageId();
            case "rating" -> "positive";
            case "phone" -> "+1 555 0100";
            case "metadata" -> Map.of("variables", Map.of("user_name", "Plausible"));
            case "custom_fields" -> Map.of("company", "Plausible Ltd");
            // a flow's test run and a conversation's flow state
            case "input" -> "A plausible question?";
            case "revision" -> 1;
            case "vars", "user", "context" -> Map.of("plausible", "value");
            // the OpenAI-compatible endpoint: model = the bot
            case "model" -> bot.chatbotId();
            case "messages" -> List.of(Map.of("role", "user", "content", "A plausible question?"));
            case "stream" -> false;
            case "temperature" -> 0.5;
            case "max_tokens" -> 100;
            default -> "plausible";
        };
    }

    static String excerpt(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    // --- ids, routes and methods ----------------------------------------------------------------

    @Test
    @DisplayName("ids that are not UUIDs are 404 not_found on every route with a path parameter")
    void idsThatAreNotUuids() {
        List<String> badIds = List.of("not-a-uuid", "12345", "00000000-0000-0000-0000-00000000000g",
                "%27%20OR%20%271%27%3D%271", "..", "%00", "x".repeat(1000),
                "123e4567-e89b-12d3-a456-4266141740000");
        int checked = 0;
        for (Route route : routes) {
            for (String param : route.pathParams()) {
                for (String bad : badIds) {
                    Map<String, String> ids = new LinkedHashMap<>(ownIds());
                    ids.put(param, bad);
                    // Route.fill prefers chatbots/draft_id (chatflows/…) on a feature's routes: that one must be bad too
                    ids.put("chatbots/" + param, bad);
                    ids.put("chatflows/" + param, bad);
                    Response r = send(route, ids, route.hasBody() ? validBody(route) : null);
                    assertThat(route.fill(ids)).as("%s with %s=%s", route, param, bad).contains(bad);
                    if (bad.equals("..")) {
                        // a dot segment removes the segment before it: another path, which may exist with other methods
                        assertThat(r.status()).as("%s with %s=%s: %s", route, param, bad, r.body()).isIn(404, 405);
                    } else {
                        assertThat(r.status()).as("%s with %s=%s: %s", route, param, bad, r.body()).isEqualTo(404);
                    }
                    assertErrorEnvelope(r);
                    checked++;
                    if (UploadRoutes.ALL.contains(route.toString())) {
                        Multipart upload = Multipart.textFile("notes.txt", "Kettles boil water.");
                        Response u = server.sendBytes(route.method(), route.fill(ids), user.accessToken(),
                                upload.contentType(), upload.bytes());
                        assertThat(u.status()).as("upload to %s with %s=%s: %s", route, param, bad, u.body())
                                .isIn(404, bad.equals("..") ? 405 : 404);
                        assertErrorEnvelope(u);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
        assertThat(assertStatus(server.get("/api/v1/auth/me", user.accessToken()), 200).path("user").path("id")
                .asText()).isEqualTo(user.userId());
        assertStatus(server.get("/api/v1/kb/draft/" + kb.draftId(), user.accessToken()), 200);
        // no bad id reached the user's own chatbot data (a DELETE with it would have removed it)
        assertStatus(server.get("/api/v1/chatbots/draft/" + bot.draftId(), user.accessToken()), 200);
        assertStatus(server.get("/api/v1/chatbots/" + bot.chatbotId(), user.accessToken()), 200);
        assertStatus(server.get("/api/v1/sessions/" + bot.sessionId(), user.accessToken()), 200);
        assertThat(assertStatus(server.get("/api/v1/chatbots/" + bot.chatbotId() + "/keys", user.accessToken()), 200)
                .path("keys").toString()).contains(bot.botKeyId());
        assertStatus(server.get("/api/v1/bots/" + bot.chatbotId() + "/config", bot.secretKey()), 200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /api/v1/nope", "GET /nope", "POST /api/v1/orgs/x/y/z", "DELETE /api/v1",
            "GET /api/v2/orgs", "GET /api/v1/orgs/", "GET /api/v1/ORGS", "PATCH /", "GET /health",
            "GET /openapi/x"})
    @DisplayName("unknown routes are 404 not_found")
    void unknownRoutes(String request) {
        String[] parts = request.split(" ", 2);
        assertError(server.send(parts[0], parts[1], user.accessToken(), null), 404, "not_found");
    }

    @Test
    @DisplayName("a known path with another method is 405 with an Allow header naming exactly the documented methods")
    void wrongMethods() {
        Set<String> paths = new TreeSet<>();
        routes.forEach(r -> paths.add(r.fill(ownIds())));
        for (String path : paths) {
            // a path can reach more than one route: /api/v1/kb/drafts is also /api/v1/kb/{kb_id}
            Set<String> documented = new TreeSet<>();
            routes.stream().filter(r -> r.matches(path)).forEach(r -> documented.add(r.method()));
            boolean botKeyPath = routes.stream().anyMatch(r -> r.matches(path) && r.botKeyRoute());
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                if (documented.contains(method)) {
                    continue;
                }
                if (botKeyPath && method.equals("OPTIONS")) {
                    // a browser's CORS preflight for the widget on another site: answered before routing
                    Response preflight = server.send(method, path, null, null, "Origin", "https://shop.example.com",
                            "Access-Control-Request-Method", documented.iterator().next());
                    assertThat(preflight.status()).as("OPTIONS %s: %s", path, preflight.body()).isEqualTo(204);
                    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("OPTIONS %s", path)
                            .contains("*");
                    Set<String> allowed = preflight.headers().firstValue("Access-Control-Allow-Methods").stream()
                            .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).collect(
                                    Collectors.toCollection(TreeSet::new));
                    assertThat(allowed).as("Access-Control-Allow-Methods for %s", path).containsAll(documented);
                    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).as("OPTIONS %s", path)
                            .hasValueSatisfying(v -> assertThat(v).contains("Authorization", "Content-Type"));
                    continue;
                }
                Response r = server.send(method, path, user.accessToken(), method.equals("GET") ? null : "{}");
                assertError(r, 405, "method_not_allowed");
                Set<String> allow = r.headers().firstValue("Allow").stream()
                        .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).collect(
                                Collectors.toCollection(TreeSet::new));
                assertThat(allow).as("Allow for %s %s", method, path).isEqualTo(documented);
            }
        }
    }

    // --- uploads ----------------------------------------------------------------------------------

    /** A multipart body no proper client would send, and whether only the draft route reads what it breaks. */
    record Garbage(String name, String contentType, byte[] body, boolean draftOnly) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Garbage> multipartGarbage() {
        Multipart good = Multipart.textFile("notes.txt", "Kettles boil water in ninety seconds.");
        byte[] full = good.bytes();
        String type = good.contentType();
        String text = new String(full, StandardCharsets.ISO_8859_1);
        Multipart noFile = new Multipart().field("notes", "no file here");
        Multipart fileWithoutName = new Multipart().field("file", "a form field, not a file");
        Multipart emptyName = new Multipart().file("file", "", "text/plain", "text".getBytes(StandardCharsets.UTF_8));
        Multipart nulInName = new Multipart().file("file", "a\u0000b.txt", "text/plain",
                "text".getBytes(StandardCharsets.UTF_8));
        Multipart badAnnotations = new Multipart().field("annotations", "{not json")
                .file("file", "notes.txt", "text/plain", "text".getBytes(StandardCharsets.UTF_8));
        Multipart twoFiles = Multipart.textFile("one.txt", "First.").file("file", "two.txt", "text/plain",
                "Second.".getBytes(StandardCharsets.UTF_8));
        Multipart fileThenMore = Multipart.textFile("notes.txt", "A complete file.").field("notes", "a part cut sh");
        byte[] fileThenCut = fileThenMore.unterminated();
        fileThenCut = Arrays.copyOf(fileThenCut, fileThenCut.length - 4);
        Multipart manyParts = new Multipart();
        for (int i = 0; i < 25; i++) {
            manyParts.field("part" + i, "x");
        }
        manyParts.file("file", "last.txt", "text/plain", "Last.".getBytes(StandardCharsets.UTF_8));
        String b = "----parleyRaw";
        byte[] random = new byte[3000];
        new Random(7).nextBytes(random);
        return List.of(
                new Garbage("a boundary in the header that the body does not use",
                        "multipart/form-data; boundary=other", full, false),
                new Garbage("no boundary parameter", "multipart/form-data", full, false),
                new Garbage("an empty boundary", "multipart/form-data; boundary=", full, false),
                new Garbage("a 1,000-character boundary", "multipart/form-data; boundary=" + "b".repeat(1000), full,
                        false),
                new Garbage("no part named 'file'", noFile.contentType(), noFile.bytes(), false),
                new Garbage("a 'file' part that is a form field", fileWithoutName.contentType(),
                        fileWithoutName.bytes(), false),
                new Garbage("a file with an empty file name", emptyName.contentType(), emptyName.bytes(), false),
                new Garbage("a file name with a NUL character", nulInName.contentType(), nulInName.bytes(), false),
                new Garbage("cut in the middle of the file", type,
                        Arrays.copyOf(full, text.indexOf("Kettles") + 10), false),
                new Garbage("cut inside the part headers", type, Arrays.copyOf(full, 40), false),
                new Garbage("cut before the closing delimiter", type, good.unterminated(), false),
                new Garbage("a complete file, then a part cut short", fileThenMore.contentType(), fileThenCut, false),
                new Garbage("an empty body", type, new byte[0], false),
                new Garbage("random bytes", type, random, false),
                new Garbage("a part without Content-Disposition", "multipart/form-data; boundary=" + b,
                        ("--" + b + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + b + "--\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1), false),
                new Garbage("part headers that never end", "multipart/form-data; boundary=" + b,
                        ("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                                + "X: " + "y".repeat(20_000)).getBytes(StandardCharsets.ISO_8859_1), false),
                new Garbage("more parts than allowed", manyParts.contentType(), manyParts.bytes(), false),
                new Garbage("annotations that are not JSON", badAnnotations.contentType(), badAnnotations.bytes(),
                        true),
                new Garbage("two files in one request", twoFiles.contentType(), twoFiles.bytes(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multipartGarbage")
    @DisplayName("a broken multipart upload is a 4xx envelope on both upload routes, and leaves nothing behind")
    void brokenUploads(Garbage garbage) {
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            if (!UploadRoutes.ALL.contains(route.toString())
                    || (garbage.draftOnly() && !route.pathParams().contains("draft_id"))) {
                continue;
            }
            List<String> before = uploadsOf(route);
            Response r = server.sendBytes(route.method(), route.fill(ownIds()), user.accessToken(),
                    garbage.contentType(), garbage.body());
            if (r.status() != 400 && r.status() != 413) {
                failures.add(route + " answered " + r.status() + " " + excerpt(r.body()));
                continue;
            }
            assertErrorEnvelope(r);
            List<String> after = uploadsOf(route);
            if (!after.equals(before)) {
                failures.add(route + " answered " + r.status() + " " + r.errorCode() + " but kept the upload ("
                        + before.size() + " items before, " + after.size() + " after)");
            }
        }
        assertThat(failures).as(garbage.name()).isEmpty();
    }

    /** The ids of what an upload route adds to: the draft's sources, or the knowledge base's documents. */
    static List<String> uploadsOf(Route route) {
        JsonNode items = route.pathParams().contains("draft_id")
                ? assertStatus(server.get(KbFixtures.sources(kb.draftId()), user.accessToken()), 200).path("sources")
                : assertStatus(server.get("/api/v1/kb/" + kb.kbId() + "/documents", user.accessToken()), 200)
                        .path("documents");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    // --- what a draft accepted must not break finalize ---------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a 5,000-character description", "retrieval defaults no search can use",
            "a 5,000-character web address"})
    @DisplayName("a draft the server accepted finalizes, or validate/finalize refuse it with a 4xx: never a 5xx, "
            + "never a knowledge base that cannot be searched")
    void finalizeWhatADraftAccepted(String problem) {
        String token = user.accessToken();
        String draft = KbFixtures.draft(server, token, user.workspaceId(), "Edge case");
        assertStatus(server.post(KbFixtures.sources(draft), token, KbFixtures.textSource("Notes",
                "Kettles boil water in ninety seconds.")), 201);
        Response saved = switch (problem) {
            case "a 5,000-character description" -> server.patch("/api/v1/kb/draft/" + draft, token,
                    Map.of("data", Map.of("description", "d".repeat(5_000))));
            case "retrieval defaults no search can use" -> server.patch("/api/v1/kb/draft/" + draft, token,
                    Map.of("data", Map.of("retrieval_config", Map.of("top_k", 0, "search_method", "psychic"))));
            default -> server.post(KbFixtures.sources(draft), token, Map.of("type", "url",
                    "url", "http://127.0.0.1:9/" + "p".repeat(5_000), "crawl", Map.of("max_pages", 1, "max_depth", 0)));
        };
        assertThat(saved.status()).as("saving %s: %s", problem, saved.body()).isLessThan(500);
        if (saved.status() >= 400) {
            assertErrorEnvelope(saved); // refused when saved: fine
            return;
        }
        Response validate = server.post("/api/v1/kb/draft/" + draft + "/validate", token, null);
        assertThat(validate.status()).as("validate: %s", validate.body()).isEqualTo(200);
        Response finalized = server.post("/api/v1/kb/draft/" + draft + "/finalize", token, null);
        assertThat(finalized.status()).as("finalize with %s: %s", problem, excerpt(finalized.body()))
                .isIn(201, 400, 422);
        if (finalized.status() != 201) {
            assertErrorEnvelope(finalized);
            assertThat(validate.json().path("valid").asBoolean()).as("validate agrees with finalize: %s",
                    validate.body()).isFalse();
            return;
        }
        String kbId = finalized.json().path("kb_id").asText();
        assertStatus(server.get("/api/v1/kb/" + kbId, token), 200);
        Response search = server.post("/api/v1/kb/" + kbId + "/search", token, Map.of("query", "kettle"));
        assertThat(search.status()).as("a search with the knowledge base's own defaults: %s", search.body())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("settings a knowledge base could not use are refused when saved, naming the field; "
            + "what was saved before stays")
    void settingsAreCheckedWhenSaved() {
        String token = user.accessToken();
        String draft = KbFixtures.draft(server, token, user.workspaceId(), "Settings");
        String draftPath = "/api/v1/kb/draft/" + draft;
        assertStatus(server.patch(draftPath, token, Map.of("data", Map.of("retrieval_config",
                Map.of("top_k", 8, "search_method", "keyword")))), 200);
        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("retrieval_config.top_k", Map.of("retrieval_config", Map.of("top_k", 0)));
        refused.put("retrieval_config.search_method", Map.of("retrieval_config", Map.of("search_method", "psychic")));
        refused.put("retrieval_config.threshold", Map.of("retrieval_config", Map.of("threshold", 7)));
        refused.put("chunking_config.chunk_size", Map.of("chunking_config", Map.of("chunk_size", 5)));
        refused.put("chunking_config", Map.of("chunking_config", "fixed"));
        refused.put("embedding_config.model", Map.of("embedding_config", Map.of("model", "no-such-model")));
        refused.forEach((field, data) -> {
            JsonNode error = assertError(server.patch(draftPath, token, Map.of("data", data)), 400, "invalid_field");
            assertThat(error.path("details").path("field").asText()).as("PATCH %s", data).isEqualTo(field);
            JsonNode created = assertError(server.post("/api/v1/kb/draft", token, data), 400, "invalid_field");
            assertThat(created.path("details").path("field").asText()).as("POST %s", data).isEqualTo(field);
        });
        JsonNode saved = assertStatus(server.get(draftPath, token), 200);
        assertThat(saved.toString()).contains("\"top_k\":8", "\"search_method\":\"keyword\"");

        String kbPath = "/api/v1/kb/" + kb.kbId();
        Map.of("retrieval_config.top_k", Map.of("retrieval_config", Map.of("top_k", 51)),
                "retrieval_config.search_method", Map.of("retrieval_config", Map.of("search_method", "psychic")),
                "chunking_config.chunk_size", Map.of("chunking_config", Map.of("chunk_size", 5)),
                "embedding_config.model", Map.of("embedding_config", Map.of("model", "no-such-model")))
                .forEach((field, body) -> {
                    JsonNode error = assertError(server.patch(kbPath, token, body), 400, "invalid_field");
                    assertThat(error.path("details").path("field").asText()).as("PATCH kb %s", body).isEqualTo(field);
                });
        JsonNode after = assertStatus(server.get(kbPath, token), 200);
        assertThat(after.path("embedding_model").asText()).isEqualTo(KbFixtures.MODEL);
        assertStatus(server.post(kbPath + "/search", token, Map.of("query", "kettle")), 200);
    }

    @Test
    @DisplayName("chatbot settings a bot could not use are 400 naming the field, on a save, a new draft and a live "
            + "change alike; the live bot keeps its settings")
    void chatbotSettingsAreCheckedWhenSaved() {
        String token = user.accessToken();
        String draftPath = "/api/v1/chatbots/draft/" + bot.draftId();
        String botPath = "/api/v1/chatbots/" + bot.chatbotId();
        JsonNode live = assertStatus(server.get(botPath, token), 200).path("config");
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("temperature", Map.of("temperature", 7));
        refused.put("provider", Map.of("provider", "openai"));
        refused.put("appearance.primary_color", Map.of("appearance", Map.of("primary_color", "red")));
        refused.put("deployment.channels[0].config.allowed_domains", Map.of("deployment", Map.of("channels",
                List.of(Map.of("type", "website", "config", Map.of("allowed_domains", List.of("http://a b/")))))));
        refused.put("lead_capture.required_fields", Map.of("lead_capture", Map.of("required_fields", List.of("age"))));
        refused.forEach((field, data) -> {
            for (Response r : List.of(server.patch(draftPath, token, Map.of("data", data)),
                    server.post("/api/v1/chatbots/draft", token, data),
                    server.patch(botPath, token, Map.of("data", data)))) {
                JsonNode error = assertError(r, 400, "invalid_field");
                assertThat(error.path("details").path("field").asText()).as("%s", data).isEqualTo(field);
            }
        });
        assertThat(assertStatus(server.get(botPath, token), 200).path("config")).isEqualTo(live);
    }

    // --- below the router -------------------------------------------------------------------------

    @Test
    @DisplayName("a request line that is not HTTP is 400 with the envelope")
    void garbageRequestLine() {
        Response r = RawHttp.exchange(server.server().port(), "HELLO THERE\r\n\r\n").toResponse();
        assertError(r, 400, "invalid_request");
    }

    @Test
    @DisplayName("a too-long URI is 414 with the envelope")
    void uriTooLong() {
        Response r = RawHttp.exchange(server.server().port(),
                "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").toResponse();
        assertError(r, 414, "uri_too_long");
    }

    @Test
    @DisplayName("a malformed chunked body is a 400, not a 500")
    void malformedChunkedBody() {
        Response r = RawHttp.exchange(server.server().port(), """
                POST /api/v1/auth/login HTTP/1.1\r
                Host: x\r
                Content-Type: application/json\r
                Transfer-Encoding: chunked\r
                \r
                zz\r
                {}\r
                0\r
                \r
                """).toResponse();
        assertThat(r.status()).as("status: %s", r.body()).isEqualTo(400);
        assertErrorEnvelope(r);
    }

    @Test
    @DisplayName("a well-formed chunked body is read like any other")
    void chunkedBodyWorks() {
        String json = "{\"email\":\"" + user.email() + "\",\"password\":\"correct horse battery\"}";
        Response r = RawHttp.exchange(server.server().port(), "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n").toResponse();
        assertThat(assertStatus(r, 200).path("user").path("id").asText()).isEqualTo(user.userId());
    }
}
