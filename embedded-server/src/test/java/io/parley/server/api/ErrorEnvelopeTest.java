package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertErrorEnvelope;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind answers the one error envelope with the right status — on every route
 * that takes a body or an id, as listed by /openapi.
 */
@DisplayName("Error envelope and bad input")
class ErrorEnvelopeTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static List<Route> routes;
    static Account user;
    static String keyId;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
        routes = OpenApiRoutes.load(server);
        user = server.signup("Bad Input");
        keyId = assertStatus(server.post("/api/v1/api-keys", user.accessToken(), Map.of("name", "k")), 201)
                .path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The caller's own ids, so that only the input under test can be wrong. */
    static Map<String, String> ownIds() {
        return Map.of("org_id", user.organizationId(), "workspace_id", user.workspaceId(),
                "user_id", user.userId(), "key_id", keyId);
    }

    static List<Route> bodyRoutes() {
        List<Route> withBody = routes.stream().filter(Route::hasBody).toList();
        assertThat(withBody).as("routes with a JSON body").isNotEmpty();
        return withBody;
    }

    static Response send(Route route, Map<String, String> ids, Object body) {
        return server.send(route.method(), route.fill(ids), route.authenticated() ? user.accessToken() : null, body);
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
            assertThat(assertErrorEnvelope(r).path("code").asText()).as("%s code", route).isEqualTo("invalid_request");
        }
    }

    @Test
    @DisplayName("a missing body (no Content-Length, no entity) is 400 on every route that takes a body")
    void missingBody() {
        for (Route route : bodyRoutes()) {
            Response r = server.send(route.method(), route.fill(ownIds()),
                    route.authenticated() ? user.accessToken() : null, null);
            assertError(r, 400, "invalid_request");
        }
    }

    @Test
    @DisplayName("a field of the wrong type is 400 invalid_field naming that field, on every route and field")
    void wrongTypes() {
        List<Object> wrongValues = List.of(5, 3.5, true, false, Map.of("nested", "object"), List.of("a"));
        int checked = 0;
        for (Route route : bodyRoutes()) {
            assertThat(route.bodyFields()).as("documented body fields of %s", route).isNotEmpty();
            for (String field : route.bodyFields()) {
                for (Object wrong : wrongValues) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put(field, wrong);
                    JsonNode error = assertError(send(route, ownIds(), body), 400, "invalid_field");
                    assertThat(error.path("details").path("field").asText()).as("%s field %s", route, field)
                            .isEqualTo(field);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
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
            assertThat(r.status()).as("%s with {}: %s", route, r.body()).isEqualTo(400);
            assertThat(assertErrorEnvelope(r).path("code").asText()).isIn("invalid_field", "invalid_request");
            Map<String, Object> allNull = new LinkedHashMap<>();
            route.bodyFields().forEach(f -> allNull.put(f, null));
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
                if (field.equals("name") || (field.equals("email") && !route.path().endsWith("/login"))
                        || field.equals("role")) {
                    assertThat(r.status()).as("%s with huge %s: %s", route, field, r.body()).isEqualTo(400);
                } else {
                    assertThat(r.status()).as("%s with huge %s: %s", route, field, r.body()).isIn(400, 401, 404);
                }
                assertErrorEnvelope(r);
            }
        }
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
            default -> "plausible";
        };
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
                    Map<String, Object> body = new LinkedHashMap<>();
                    route.bodyFields().forEach(f -> body.put(f, plausible(f)));
                    Response r = send(route, ids, route.hasBody() ? body : null);
                    assertThat(r.status()).as("%s with %s=%s: %s", route, param, bad, r.body()).isEqualTo(404);
                    assertErrorEnvelope(r);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(assertStatus(server.get("/api/v1/auth/me", user.accessToken()), 200).path("user").path("id")
                .asText()).isEqualTo(user.userId());
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
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        routes.forEach(r -> methodsByPath.computeIfAbsent(r.path(), p -> new TreeSet<>()).add(r.method()));
        for (Map.Entry<String, Set<String>> entry : methodsByPath.entrySet()) {
            String path = new Route("GET", entry.getKey(), false, List.of(), Set.of()).fill(ownIds());
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                if (entry.getValue().contains(method)) {
                    continue;
                }
                Response r = server.send(method, path, user.accessToken(), method.equals("GET") ? null : "{}");
                assertError(r, 405, "method_not_allowed");
                Set<String> allow = r.headers().firstValue("Allow").stream()
                        .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).collect(
                                Collectors.toCollection(TreeSet::new));
                assertThat(allow).as("Allow for %s %s", method, path).isEqualTo(entry.getValue());
            }
        }
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
