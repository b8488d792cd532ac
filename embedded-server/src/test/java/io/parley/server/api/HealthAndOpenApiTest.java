package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.api.OpenApiRoutes.Route;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Health checks and the OpenAPI document")
class HealthAndOpenApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void assertJson(Response r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
    }

    @Test
    @DisplayName("/health/live answers UP without credentials")
    void live() {
        Response r = server.get("/health/live", null);
        assertThat(assertStatus(r, 200).path("status").asText()).isEqualTo("UP");
        assertJson(r);
    }

    @Test
    @DisplayName("/health/ready answers UP with a database check")
    void ready() {
        Response r = server.get("/health/ready", null);
        JsonNode body = assertStatus(r, 200);
        assertJson(r);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        JsonNode database = null;
        for (JsonNode check : body.path("checks")) {
            if (check.path("name").asText().equals("database")) {
                database = check;
            }
        }
        assertThat(database).as("the database check in %s", body).isNotNull();
        assertThat(database.path("status").asText()).isEqualTo("UP");
        assertThat(database.path("type").asText()).isEqualTo("h2");
    }

    @Test
    @DisplayName("health checks ignore credentials, even broken ones")
    void healthIgnoresCredentials() {
        assertStatus(server.get("/health/live", "not-a-token"), 200);
        assertStatus(server.get("/health/ready", "pk_broken_key"), 200);
    }

    @Test
    @DisplayName("/openapi is an OpenAPI 3.1 JSON document")
    void openApiDocument() {
        Response r = server.get("/openapi", null);
        JsonNode doc = assertStatus(r, 200);
        assertJson(r);
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("info").path("version").asText()).isNotBlank();
        assertThat(doc.path("paths").isObject()).isTrue();
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(doc.path("components").path("schemas").path("Error").isObject()).isTrue();
    }

    @Test
    @DisplayName("/openapi lists the auth, organization, workspace, API key, knowledge-base, job and health routes")
    void openApiListsTheRoutes() {
        List<String> routes = OpenApiRoutes.load(server).stream().map(Route::toString).toList();

        assertThat(routes).contains(
                "POST /api/v1/auth/signup", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
                "GET /api/v1/auth/me",
                "GET /api/v1/orgs", "POST /api/v1/orgs",
                "GET /api/v1/orgs/{org_id}", "PATCH /api/v1/orgs/{org_id}", "DELETE /api/v1/orgs/{org_id}",
                "GET /api/v1/orgs/{org_id}/members", "POST /api/v1/orgs/{org_id}/members",
                "PATCH /api/v1/orgs/{org_id}/members/{user_id}", "DELETE /api/v1/orgs/{org_id}/members/{user_id}",
                "GET /api/v1/orgs/{org_id}/workspaces", "POST /api/v1/orgs/{org_id}/workspaces",
                "GET /api/v1/workspaces/{workspace_id}", "PATCH /api/v1/workspaces/{workspace_id}",
                "DELETE /api/v1/workspaces/{workspace_id}",
                "GET /api/v1/workspaces/{workspace_id}/members", "POST /api/v1/workspaces/{workspace_id}/members",
                "PATCH /api/v1/workspaces/{workspace_id}/members/{user_id}",
                "DELETE /api/v1/workspaces/{workspace_id}/members/{user_id}",
                "GET /api/v1/api-keys", "POST /api/v1/api-keys", "DELETE /api/v1/api-keys/{key_id}",
                "POST /api/v1/kb/draft", "GET /api/v1/kb/drafts", "GET /api/v1/kb/draft/{draft_id}",
                "PATCH /api/v1/kb/draft/{draft_id}", "DELETE /api/v1/kb/draft/{draft_id}",
                "POST /api/v1/kb/draft/{draft_id}/sources", "GET /api/v1/kb/draft/{draft_id}/sources",
                "DELETE /api/v1/kb/draft/{draft_id}/sources/{source_id}",
                "GET /api/v1/kb/draft/{draft_id}/preview-chunks", "POST /api/v1/kb/draft/{draft_id}/validate",
                "POST /api/v1/kb/draft/{draft_id}/finalize",
                "GET /api/v1/kb", "GET /api/v1/kb/{kb_id}", "PATCH /api/v1/kb/{kb_id}", "DELETE /api/v1/kb/{kb_id}",
                "GET /api/v1/kb/{kb_id}/documents", "POST /api/v1/kb/{kb_id}/documents",
                "PATCH /api/v1/kb/{kb_id}/documents/{document_id}", "DELETE /api/v1/kb/{kb_id}/documents/{document_id}",
                "POST /api/v1/kb/{kb_id}/documents/{document_id}/reindex", "POST /api/v1/kb/{kb_id}/search",
                "POST /api/v1/kb/{kb_id}/rebuild-index", "GET /api/v1/jobs/{job_id}",
                "GET /health/live", "GET /health/ready", "GET /openapi");
        // chatbots (docs/api/chatbots.md): drafts, deployed bots with keys, conversations and leads
        assertThat(routes).contains(
                "POST /api/v1/chatbots/draft", "GET /api/v1/chatbots/drafts", "GET /api/v1/chatbots/draft/{draft_id}",
                "PATCH /api/v1/chatbots/draft/{draft_id}", "DELETE /api/v1/chatbots/draft/{draft_id}",
                "POST /api/v1/chatbots/draft/{draft_id}/validate", "POST /api/v1/chatbots/draft/{draft_id}/preview",
                "GET /api/v1/chatbots/draft/{draft_id}/widget-config", "POST /api/v1/chatbots/draft/{draft_id}/deploy",
                "GET /api/v1/chatbots", "GET /api/v1/chatbots/{chatbot_id}", "PATCH /api/v1/chatbots/{chatbot_id}",
                "DELETE /api/v1/chatbots/{chatbot_id}", "POST /api/v1/chatbots/{chatbot_id}/edit",
                "GET /api/v1/chatbots/{chatbot_id}/keys", "POST /api/v1/chatbots/{chatbot_id}/keys",
                "DELETE /api/v1/chatbots/{chatbot_id}/keys/{bot_key_id}", "GET /api/v1/chatbots/{chatbot_id}/sessions",
                "GET /api/v1/chatbots/{chatbot_id}/leads", "GET /api/v1/sessions/{session_id}",
                "GET /api/v1/bots/{bot_id}/config", "POST /api/v1/bots/{bot_id}/chat",
                "POST /api/v1/bots/{bot_id}/feedback", "POST /api/v1/leads/capture");
        // a bot's public routes take its keys, not accounts: /openapi must not ask for a bearer account token
        OpenApiRoutes.load(server).stream().filter(r -> r.path().startsWith("/api/v1/bots/")
                || r.path().equals("/api/v1/leads/capture")).forEach(r -> assertThat(r.authenticated())
                .as("%s is documented without account security", r).isFalse());
        assertThat(routes).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("operations document their security, path parameters and JSON body fields")
    void operationsAreDescribed() {
        JsonNode paths = server.get("/openapi", null).json().path("paths");

        JsonNode signup = paths.path("/api/v1/auth/signup").path("post");
        assertThat(signup.has("security")).as("sign-up is public").isFalse();
        assertThat(fieldNames(signup.path("requestBody").path("content").path("application/json").path("schema")
                .path("properties"))).containsExactlyInAnyOrder("email", "password", "name");

        JsonNode me = paths.path("/api/v1/auth/me").path("get");
        assertThat(me.path("security").get(0).has("bearer")).isTrue();

        JsonNode member = paths.path("/api/v1/orgs/{org_id}/members/{user_id}").path("patch");
        List<String> params = new ArrayList<>();
        member.path("parameters").forEach(p -> {
            assertThat(p.path("in").asText()).isEqualTo("path");
            assertThat(p.path("required").asBoolean()).isTrue();
            params.add(p.path("name").asText());
        });
        assertThat(params).containsExactly("org_id", "user_id");
        assertThat(member.path("responses").path("4XX").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/Error");
        for (Route route : OpenApiRoutes.load(server)) {
            assertThat(paths.path(route.path()).path(route.method().toLowerCase()).path("summary").asText())
                    .as("summary of %s", route).isNotBlank();
        }

        JsonNode search = paths.path("/api/v1/kb/{kb_id}/search").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("properties");
        assertThat(fieldNames(search)).containsExactlyInAnyOrder("query", "top_k", "search_method", "threshold",
                "document_ids");
        assertThat(search.path("top_k").path("type").asText()).isEqualTo("integer");
        assertThat(search.path("document_ids").path("type").asText()).isEqualTo("array");
        // a free-form body is still a documented JSON object; validate and finalize take no body at all
        assertThat(paths.path("/api/v1/kb/draft/{draft_id}").path("patch").path("requestBody").path("content")
                .path("application/json").path("schema").path("type").asText()).isEqualTo("object");
        assertThat(paths.path("/api/v1/kb/draft/{draft_id}/finalize").path("post").has("requestBody")).isFalse();
        JsonNode document = paths.path("/api/v1/kb/{kb_id}/documents/{document_id}").path("delete");
        List<String> documentParams = new ArrayList<>();
        document.path("parameters").forEach(p -> documentParams.add(p.path("name").asText()));
        assertThat(documentParams).containsExactly("kb_id", "document_id");
    }

    @Test
    @DisplayName("every documented route exists: none answers 'no such endpoint' or 405")
    void everyDocumentedRouteExists() {
        Map<String, String> ids = new HashMap<>();
        OpenApiRoutes.load(server).forEach(r -> r.pathParams().forEach(p -> ids.put(p, UUID.randomUUID().toString())));
        Set<String> safePublic = Set.of("GET /health/live", "GET /health/ready", "GET /openapi");
        for (Route route : OpenApiRoutes.load(server)) {
            if (!route.authenticated() && !safePublic.contains(route.toString())) {
                // public POSTs (sign-up, login, refresh): an empty object is refused by the handler, not the router;
                // a bot's public routes look the (random) bot up first
                Response r = server.send(route.method(), route.fill(ids), null, "{}");
                if (route.pathParams().contains("bot_id")) {
                    assertThat(r.status()).as("%s: %s", route, r.body()).isEqualTo(404);
                    assertThat(r.errorCode()).as("%s: %s", route, r.body()).isEqualTo("not_found");
                } else {
                    assertThat(r.status()).as("%s: %s", route, r.body()).isEqualTo(400);
                }
                continue;
            }
            Response r = server.send(route.method(), route.fill(ids), null, route.hasBody() ? "{}" : null);
            assertThat(r.status()).as("%s: %s", route, r.body()).isEqualTo(route.authenticated() ? 401 : 200);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
