package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * calling with user A's organization, workspace, member and key ids gets 404 — never 200, never a
 * 403 that would reveal the resource exists, never 500 — and A's data is unchanged afterwards.
 *
 * <p>The route list is not written down here: it comes from the server. A new route with a path
 * parameter this test does not know, or a new authenticated route without path parameters, fails
 * the test until it is taught how to attack that route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenantIsolationContract {

    /** Path parameters this test knows how to fill with the victim's and the attacker's ids. */
    static final Set<String> KNOWN_PATH_PARAMS = Set.of("org_id", "workspace_id", "user_id", "key_id");

    /** Authenticated routes without path parameters: each acts on the caller's own data (checked below). */
    static final Set<String> CALLER_SCOPED_ROUTES = Set.of(
            "GET /api/v1/auth/me", "GET /api/v1/orgs", "POST /api/v1/orgs",
            "GET /api/v1/api-keys", "POST /api/v1/api-keys");

    /** Routes anyone may call. Anything else must demand credentials. */
    static final Set<String> PUBLIC_ROUTES = Set.of(
            "POST /api/v1/auth/signup", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
            "GET /health/live", "GET /health/ready", "GET /openapi");

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
    @DisplayName("every authenticated route without path parameters is a known caller-scoped route")
    void routesWithoutPathParametersAreKnown() {
        List<String> unknown = routes.stream().filter(Route::authenticated).filter(r -> r.pathParams().isEmpty())
                .map(Route::toString).filter(r -> !CALLER_SCOPED_ROUTES.contains(r)).toList();
        assertThat(unknown).as("new authenticated routes without path parameters: decide how they are isolated "
                + "and add them to TenantIsolationContract").isEmpty();
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
            Response r = call(route, values(p -> victimValues(p).get(0)), null);
            if (r.status() != 401 || !"unauthorized".equals(r.errorCode())) {
                failures.add(name + " without credentials answered " + r.status() + " " + r.body());
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
                attacks++;
                Response r = call(route, ids, b.accessToken());
                if (r.status() != 404 || !"not_found".equals(r.errorCode())) {
                    failures.add(route + " with " + ids + " answered " + r.status() + " " + r.body());
                } else {
                    ApiAssertions.assertErrorEnvelope(r);
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
                Response r = call(route, ids, bKeySecret);
                Map<String, String> random = new HashMap<>(ids);
                random.replaceAll((param, value) -> isVictimValue(param, value) ? UUID.randomUUID().toString() : value);
                Response baseline = call(route, random, bKeySecret);
                boolean workspaceScoped = !route.path().startsWith("/api/v1/orgs");
                boolean ok = workspaceScoped
                        ? r.status() == 404 && "not_found".equals(r.errorCode())
                        : r.status() == baseline.status() && r.status() >= 400 && r.status() < 500
                          && String.valueOf(r.errorCode()).equals(baseline.errorCode());
                if (!ok) {
                    failures.add(route + " with " + ids + " answered " + r.status() + " " + r.body()
                            + " (for unknown ids: " + baseline.status() + " " + baseline.errorCode() + ")");
                } else {
                    ApiAssertions.assertErrorEnvelope(r);
                }
            }
        }

        assertThat(failures).as("isolation failures for B's API key").isEmpty();
        assertUnchanged(before);
    }

    @Test
    @DisplayName("A's API key on B's workspace routes gets 404")
    void victimKeyCannotReachAttackerWorkspace() {
        for (Route route : routes) {
            if (!route.authenticated() || !route.pathParams().contains("workspace_id")) {
                continue;
            }
            Map<String, String> ids = values(p -> ownValue(p));
            Response r = call(route, ids, aKeySecret);
            assertThat(r.status()).as("%s with A's key on B's ids %s: %s", route, ids, r.body()).isEqualTo(404);
            ApiAssertions.assertErrorEnvelope(r);
        }
        assertError(server.get("/api/v1/api-keys?workspace_id=" + b.workspaceId(), aKeySecret), 404, "not_found");
        assertError(server.delete("/api/v1/api-keys/" + bKeyId, aKeySecret), 404, "not_found");
        assertStatus(server.get("/api/v1/workspaces/" + b.workspaceId(), bKeySecret), 200);
    }

    @Test
    @DisplayName("caller-scoped routes take a victim's workspace only to answer 404, and never list A's data")
    void callerScopedRoutesNeverShowAnotherTenant() {
        JsonNode before = snapshotOf(a);
        for (String ws : List.of(a.workspaceId(), acmeWorkspace)) {
            for (String caller : List.of(b.accessToken(), bKeySecret)) {
                assertError(server.get("/api/v1/api-keys?workspace_id=" + ws, caller), 404, "not_found");
                assertError(server.post("/api/v1/api-keys", caller, Map.of("name", "planted", "workspace_id", ws)),
                        404, "not_found");
                assertError(server.post("/api/v1/api-keys?workspace_id=" + ws, caller, Map.of("name", "planted")),
                        404, "not_found");
            }
        }
        List<String> victimIds = List.of(a.userId(), a.organizationId(), a.workspaceId(), acmeOrg, acmeWorkspace,
                aKeyId, a.email(), c.userId());
        for (Route route : routes) {
            if (!route.authenticated() || !route.pathParams().isEmpty() || !route.method().equals("GET")) {
                continue;
            }
            for (String caller : List.of(b.accessToken(), bKeySecret)) {
                Response r = call(route, Map.of(), caller);
                assertThat(r.status()).as("%s: %s", route, r.body()).isLessThan(500);
                for (String id : victimIds) {
                    assertThat(r.body()).as("%s as B must not mention A's data", route).doesNotContain(id);
                }
            }
        }
        assertUnchanged(before);
    }

    // --- attack construction ---------------------------------------------------------------

    List<String> victimValues(String param) {
        return switch (param) {
            case "org_id" -> List.of(a.organizationId(), acmeOrg);
            case "workspace_id" -> List.of(a.workspaceId(), acmeWorkspace);
            case "user_id" -> List.of(a.userId(), c.userId());
            case "key_id" -> List.of(aKeyId);
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
        for (String param : route.pathParams()) {
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
        return out;
    }

    /** A body that would succeed if the access check let it through. */
    Map<String, Object> sampleBody(Route route) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : route.bodyFields()) {
            body.put(field, switch (field) {
                case "name" -> "Taken over by B";
                case "email" -> d.email();
                case "role" -> "viewer";
                case "workspace_id" -> a.workspaceId();
                default -> throw new AssertionError("unknown body field '" + field + "' of " + route
                        + ": teach TenantIsolationContract.sampleBody a value for it");
            });
        }
        return body;
    }

    Response call(Route route, Map<String, String> ids, String credential) {
        return server.send(route.method(), route.fill(ids), credential, route.hasBody() ? sampleBody(route) : null);
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
            }
        }
        return snapshot;
    }

    void assertUnchanged(JsonNode before) {
        assertThat(snapshotOf(a)).as("A's data after the attacks").isEqualTo(before);
        assertStatus(server.get("/api/v1/workspaces/" + a.workspaceId(), aKeySecret), 200);
        assertStatus(server.post("/api/v1/auth/login", null, Map.of("email", a.email(),
                "password", "correct horse battery")), 200);
    }
}
