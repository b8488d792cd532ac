package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** Organizations, their members and workspaces, and workspace members — as curl would use them. */
@DisplayName("Organizations, members and workspaces")
class OrganizationsAndWorkspacesTest {

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

    // --- helpers ---------------------------------------------------------------------------

    static String createOrg(Account owner, String name) {
        JsonNode org = assertStatus(server.post("/api/v1/orgs", owner.accessToken(), Map.of("name", name)), 201);
        return org.path("id").asText();
    }

    static JsonNode addMember(Account admin, String orgId, Account member, String role) {
        return assertStatus(server.post("/api/v1/orgs/" + orgId + "/members", admin.accessToken(),
                Map.of("email", member.email(), "role", role)), 201);
    }

    static String createWorkspace(Account admin, String orgId, String name) {
        return assertStatus(server.post("/api/v1/orgs/" + orgId + "/workspaces", admin.accessToken(),
                Map.of("name", name)), 201).path("id").asText();
    }

    static List<JsonNode> workspacesOf(Account caller, String orgId) {
        return list(assertStatus(server.get("/api/v1/orgs/" + orgId + "/workspaces", caller.accessToken()), 200)
                .path("workspaces"));
    }

    static String defaultWorkspaceOf(Account caller, String orgId) {
        return workspacesOf(caller, orgId).stream().filter(w -> w.path("is_default").asBoolean())
                .findFirst().orElseThrow().path("id").asText();
    }

    static String roleOf(Account caller, String orgId, String userId) {
        return list(assertStatus(server.get("/api/v1/orgs/" + orgId + "/members", caller.accessToken()), 200)
                .path("members")).stream().filter(m -> m.path("user_id").asText().equals(userId))
                .map(m -> m.path("role").asText()).findFirst().orElse(null);
    }

    static Response patchMember(Account caller, String orgId, Account member, String role) {
        return server.patch("/api/v1/orgs/" + orgId + "/members/" + member.userId(), caller.accessToken(),
                Map.of("role", role));
    }

    static Response removeMember(Account caller, String orgId, Account member) {
        return server.delete("/api/v1/orgs/" + orgId + "/members/" + member.userId(), caller.accessToken());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    // --- organizations ---------------------------------------------------------------------

    @Nested
    @DisplayName("organizations")
    class Organizations {

        @Test
        @DisplayName("create answers 201 with the caller as owner, and the organization gets a Default workspace")
        void createGetsDefaultWorkspace() {
            Account a = server.signup("Org Creator");

            JsonNode org = assertStatus(server.post("/api/v1/orgs", a.accessToken(), Map.of("name", "  Acme  ")), 201);

            assertThat(org.path("name").asText()).isEqualTo("Acme");
            assertThat(org.path("role").asText()).isEqualTo("owner");
            assertThat(org.path("created_at").asText()).isNotBlank();
            List<JsonNode> workspaces = workspacesOf(a, org.path("id").asText());
            assertThat(workspaces).hasSize(1);
            assertThat(workspaces.get(0).path("name").asText()).isEqualTo("Default");
            assertThat(workspaces.get(0).path("is_default").asBoolean()).isTrue();
            assertThat(workspaces.get(0).path("organization_id").asText()).isEqualTo(org.path("id").asText());
        }

        @Test
        @DisplayName("list shows exactly the caller's organizations")
        void listShowsMine() {
            Account a = server.signup("Org Lister");
            Account other = server.signup("Other Lister");
            String acme = createOrg(a, "Acme");
            createOrg(other, "Not Yours");

            JsonNode orgs = assertStatus(server.get("/api/v1/orgs", a.accessToken()), 200).path("organizations");

            assertThat(list(orgs)).extracting(o -> o.path("name").asText()).containsExactly("Personal", "Acme");
            assertThat(list(orgs)).extracting(o -> o.path("id").asText()).contains(acme, a.organizationId());
        }

        @Test
        @DisplayName("get and rename; the new name is trimmed and validated")
        void getAndRename() {
            Account a = server.signup("Org Renamer");
            String org = createOrg(a, "Old Name");

            assertThat(assertStatus(server.get("/api/v1/orgs/" + org, a.accessToken()), 200).path("name").asText())
                    .isEqualTo("Old Name");
            JsonNode renamed = assertStatus(server.patch("/api/v1/orgs/" + org, a.accessToken(),
                    Map.of("name", " New Name ")), 200);
            assertThat(renamed.path("name").asText()).isEqualTo("New Name");
            assertThat(assertStatus(server.get("/api/v1/orgs/" + org, a.accessToken()), 200).path("name").asText())
                    .isEqualTo("New Name");

            assertError(server.patch("/api/v1/orgs/" + org, a.accessToken(), Map.of("name", "   ")), 400,
                    "invalid_field");
            assertError(server.patch("/api/v1/orgs/" + org, a.accessToken(), Map.of("name", "x".repeat(201))), 400,
                    "invalid_field");
            assertError(server.patch("/api/v1/orgs/" + org, a.accessToken(), Map.of("name", "bad\u0007name")), 400,
                    "invalid_field");
        }

        @Test
        @DisplayName("only owners delete; afterwards the organization and its workspaces are gone for everyone")
        void deleteIsForOwners() {
            Account owner = server.signup("Org Deleter");
            Account admin = server.signup("Org Admin");
            String org = createOrg(owner, "Doomed");
            String ws = defaultWorkspaceOf(owner, org);
            addMember(owner, org, admin, "admin");

            assertError(server.delete("/api/v1/orgs/" + org, admin.accessToken()), 403, "forbidden");
            assertStatus(server.get("/api/v1/orgs/" + org, owner.accessToken()), 200);

            assertThat(server.delete("/api/v1/orgs/" + org, owner.accessToken()).status()).isEqualTo(204);

            assertError(server.get("/api/v1/orgs/" + org, owner.accessToken()), 404, "not_found");
            assertError(server.get("/api/v1/orgs/" + org, admin.accessToken()), 404, "not_found");
            assertError(server.get("/api/v1/workspaces/" + ws, owner.accessToken()), 404, "not_found");
            assertError(server.delete("/api/v1/orgs/" + org, owner.accessToken()), 404, "not_found");
        }

        @Test
        @DisplayName("editors and viewers cannot rename, add members or create workspaces")
        void weakRolesCannotManage() {
            Account owner = server.signup("Strict Owner");
            Account editor = server.signup("Mere Editor");
            Account viewer = server.signup("Mere Viewer");
            String org = createOrg(owner, "Strict");
            addMember(owner, org, editor, "editor");
            addMember(owner, org, viewer, "viewer");

            for (Account weak : List.of(editor, viewer)) {
                assertStatus(server.get("/api/v1/orgs/" + org, weak.accessToken()), 200);
                assertStatus(server.get("/api/v1/orgs/" + org + "/members", weak.accessToken()), 200);
                assertError(server.patch("/api/v1/orgs/" + org, weak.accessToken(), Map.of("name", "Mine")), 403,
                        "forbidden");
                assertError(server.post("/api/v1/orgs/" + org + "/members", weak.accessToken(),
                        Map.of("email", owner.email(), "role", "viewer")), 403, "forbidden");
                assertError(server.post("/api/v1/orgs/" + org + "/workspaces", weak.accessToken(),
                        Map.of("name", "Mine")), 403, "forbidden");
                assertError(server.delete("/api/v1/orgs/" + org, weak.accessToken()), 403, "forbidden");
                assertError(removeMember(weak, org, owner), 403, "forbidden");
            }
            assertThat(assertStatus(server.get("/api/v1/orgs/" + org, owner.accessToken()), 200)
                    .path("name").asText()).isEqualTo("Strict");
        }
    }

    // --- organization members --------------------------------------------------------------

    @Nested
    @DisplayName("organization members")
    class OrganizationMembers {

        @Test
        @DisplayName("add by email (any capitals), list, change role, remove")
        void memberLifecycle() {
            Account owner = server.signup("Team Owner");
            Account b = server.signup("Team Member");
            String org = createOrg(owner, "Team");

            JsonNode added = assertStatus(server.post("/api/v1/orgs/" + org + "/members", owner.accessToken(),
                    Map.of("email", b.email().toUpperCase(), "role", "editor")), 201);
            assertThat(added.path("user_id").asText()).isEqualTo(b.userId());
            assertThat(added.path("role").asText()).isEqualTo("editor");
            assertThat(added.path("email").asText()).isEqualTo(b.email());
            assertThat(roleOf(owner, org, b.userId())).isEqualTo("editor");
            assertThat(assertStatus(server.get("/api/v1/orgs/" + org, b.accessToken()), 200).path("role").asText())
                    .isEqualTo("editor");
            assertError(server.patch("/api/v1/orgs/" + org, b.accessToken(), Map.of("name", "x")), 403, "forbidden");

            assertThat(assertStatus(patchMember(owner, org, b, "admin"), 200).path("role").asText()).isEqualTo("admin");
            assertStatus(server.patch("/api/v1/orgs/" + org, b.accessToken(), Map.of("name", "Renamed by B")), 200);

            assertThat(removeMember(owner, org, b).status()).isEqualTo(204);
            assertThat(roleOf(owner, org, b.userId())).isNull();
            assertError(server.get("/api/v1/orgs/" + org, b.accessToken()), 404, "not_found");
        }

        @Test
        @DisplayName("adding needs an existing account, a valid role, and refuses a second membership")
        void addValidation() {
            Account owner = server.signup("Picky Owner");
            Account b = server.signup("Picky Member");
            String org = createOrg(owner, "Picky");
            String members = "/api/v1/orgs/" + org + "/members";

            JsonNode unknown = assertError(server.post(members, owner.accessToken(),
                    Map.of("email", "nobody-" + b.userId() + "@example.com", "role", "viewer")), 400, "invalid_field");
            assertThat(unknown.path("details").path("field").asText()).isEqualTo("email");
            assertError(server.post(members, owner.accessToken(), Map.of("email", b.email(), "role", "emperor")),
                    400, "invalid_field");
            assertError(server.post(members, owner.accessToken(), Map.of("email", b.email())), 400, "invalid_field");
            assertError(server.post(members, owner.accessToken(), Map.of("email", "not an email", "role", "viewer")),
                    400, "invalid_field");

            addMember(owner, org, b, "viewer");
            assertError(server.post(members, owner.accessToken(), Map.of("email", b.email(), "role", "editor")),
                    409, "already_member");
            assertError(server.post(members, owner.accessToken(), Map.of("email", owner.email(), "role", "viewer")),
                    409, "already_member");
        }

        @Test
        @DisplayName("the last owner can neither leave nor be demoted (409 last_owner); with a second owner both work")
        void lastOwnerStays() {
            Account owner = server.signup("Last Owner");
            Account b = server.signup("Next Owner");
            String org = createOrg(owner, "Owned");

            assertError(patchMember(owner, org, owner, "admin"), 409, "last_owner");
            assertError(removeMember(owner, org, owner), 409, "last_owner");
            assertThat(roleOf(owner, org, owner.userId())).isEqualTo("owner");

            addMember(owner, org, b, "owner");
            assertThat(assertStatus(patchMember(owner, org, owner, "admin"), 200).path("role").asText())
                    .isEqualTo("admin");
            assertError(patchMember(b, org, b, "viewer"), 409, "last_owner");
            assertThat(removeMember(owner, org, owner).status()).isEqualTo(204);
            assertError(removeMember(b, org, b), 409, "last_owner");
            assertThat(roleOf(b, org, b.userId())).isEqualTo("owner");
        }

        @Test
        @DisplayName("admins cannot grant, change or remove the owner role")
        void adminsCannotGrantOwner() {
            Account owner = server.signup("Top Owner");
            Account admin = server.signup("Ambitious Admin");
            Account c = server.signup("Third Person");
            Account d = server.signup("Fourth Person");
            String org = createOrg(owner, "Hierarchy");
            addMember(owner, org, admin, "admin");
            addMember(owner, org, c, "editor");

            assertError(server.post("/api/v1/orgs/" + org + "/members", admin.accessToken(),
                    Map.of("email", d.email(), "role", "owner")), 403, "forbidden");
            assertError(patchMember(admin, org, c, "owner"), 403, "forbidden");
            assertError(patchMember(admin, org, admin, "owner"), 403, "forbidden");
            assertError(patchMember(admin, org, owner, "viewer"), 403, "forbidden");
            assertError(removeMember(admin, org, owner), 403, "forbidden");

            assertThat(roleOf(owner, org, owner.userId())).isEqualTo("owner");
            assertThat(roleOf(owner, org, admin.userId())).isEqualTo("admin");
            assertThat(roleOf(owner, org, c.userId())).isEqualTo("editor");
            assertThat(roleOf(owner, org, d.userId())).isNull();

            // what admins may do
            assertStatus(server.post("/api/v1/orgs/" + org + "/members", admin.accessToken(),
                    Map.of("email", d.email(), "role", "admin")), 201);
            assertStatus(patchMember(admin, org, c, "viewer"), 200);
            assertThat(removeMember(admin, org, c).status()).isEqualTo(204);
        }

        @Test
        @DisplayName("a member may leave; a non-admin may not remove others; unknown or malformed member ids are 404")
        void leavingAndRemoving() {
            Account owner = server.signup("Leave Owner");
            Account b = server.signup("Leaver");
            Account c = server.signup("Stayer");
            String org = createOrg(owner, "Revolving");
            addMember(owner, org, b, "viewer");
            addMember(owner, org, c, "editor");

            assertError(removeMember(b, org, c), 403, "forbidden");
            assertThat(removeMember(b, org, b).status()).isEqualTo(204);
            assertError(server.get("/api/v1/orgs/" + org, b.accessToken()), 404, "not_found");

            assertError(server.delete("/api/v1/orgs/" + org + "/members/" + b.userId(), owner.accessToken()), 404,
                    "not_found");
            assertError(server.delete("/api/v1/orgs/" + org + "/members/not-a-uuid", owner.accessToken()), 404,
                    "not_found");
            assertError(server.patch("/api/v1/orgs/" + org + "/members/" + java.util.UUID.randomUUID(),
                    owner.accessToken(), Map.of("role", "viewer")), 404, "not_found");
        }

        @Test
        @DisplayName("removal from the organization also ends its workspace memberships")
        void removalEndsWorkspaceMemberships() {
            Account owner = server.signup("Cascade Owner");
            Account b = server.signup("Cascade Member");
            String org = createOrg(owner, "Cascade");
            String ws = defaultWorkspaceOf(owner, org);
            addMember(owner, org, b, "viewer");
            assertStatus(server.post("/api/v1/workspaces/" + ws + "/members", owner.accessToken(),
                    Map.of("email", b.email(), "role", "editor")), 201);

            assertThat(removeMember(owner, org, b).status()).isEqualTo(204);

            assertError(server.get("/api/v1/workspaces/" + ws, b.accessToken()), 404, "not_found");
            assertThat(list(assertStatus(server.get("/api/v1/workspaces/" + ws + "/members", owner.accessToken()),
                    200).path("members"))).isEmpty();
        }
    }

    // --- workspaces ------------------------------------------------------------------------

    @Nested
    @DisplayName("workspaces")
    class Workspaces {

        @Test
        @DisplayName("create, list, get, rename and delete")
        void lifecycle() {
            Account a = server.signup("Ws Owner");
            String org = createOrg(a, "Ws Org");

            JsonNode created = assertStatus(server.post("/api/v1/orgs/" + org + "/workspaces", a.accessToken(),
                    Map.of("name", "Staging")), 201);
            String ws = created.path("id").asText();
            assertThat(created.path("name").asText()).isEqualTo("Staging");
            assertThat(created.path("is_default").asBoolean()).isFalse();
            assertThat(created.path("organization_id").asText()).isEqualTo(org);
            assertThat(created.path("organization_name").asText()).isEqualTo("Ws Org");
            assertThat(created.path("role").asText()).isEqualTo("owner");

            assertThat(workspacesOf(a, org)).extracting(w -> w.path("name").asText()).containsExactly("Default",
                    "Staging");
            assertThat(assertStatus(server.get("/api/v1/workspaces/" + ws, a.accessToken()), 200)
                    .path("name").asText()).isEqualTo("Staging");
            assertThat(assertStatus(server.patch("/api/v1/workspaces/" + ws, a.accessToken(),
                    Map.of("name", "Production")), 200).path("name").asText()).isEqualTo("Production");
            assertThat(assertStatus(server.get("/api/v1/workspaces/" + ws, a.accessToken()), 200)
                    .path("name").asText()).isEqualTo("Production");
            assertError(server.patch("/api/v1/workspaces/" + ws, a.accessToken(), Map.of("name", "")), 400,
                    "invalid_field");

            assertThat(server.delete("/api/v1/workspaces/" + ws, a.accessToken()).status()).isEqualTo(204);
            assertError(server.get("/api/v1/workspaces/" + ws, a.accessToken()), 404, "not_found");
            assertThat(workspacesOf(a, org)).hasSize(1);
        }

        @Test
        @DisplayName("the last workspace of an organization cannot be deleted (409 last_workspace)")
        void lastWorkspaceStays() {
            Account a = server.signup("Last Ws");
            String ws = defaultWorkspaceOf(a, a.organizationId());

            assertError(server.delete("/api/v1/workspaces/" + ws, a.accessToken()), 409, "last_workspace");
            assertStatus(server.get("/api/v1/workspaces/" + ws, a.accessToken()), 200);
        }

        @Test
        @DisplayName("deleting the default workspace makes another one the default")
        void deletingDefaultMovesDefault() {
            Account a = server.signup("Default Mover");
            String org = createOrg(a, "Moving");
            String first = defaultWorkspaceOf(a, org);
            String second = createWorkspace(a, org, "Second");

            assertThat(server.delete("/api/v1/workspaces/" + first, a.accessToken()).status()).isEqualTo(204);

            List<JsonNode> left = workspacesOf(a, org);
            assertThat(left).hasSize(1);
            assertThat(left.get(0).path("id").asText()).isEqualTo(second);
            assertThat(left.get(0).path("is_default").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("malformed and unknown workspace ids are 404")
        void unknownIds() {
            Account a = server.signup("Unknown Ws");
            for (String id : List.of("nope", "123", java.util.UUID.randomUUID().toString(),
                    java.util.UUID.randomUUID().toString().toUpperCase())) {
                assertError(server.get("/api/v1/workspaces/" + id, a.accessToken()), 404, "not_found");
                assertError(server.patch("/api/v1/workspaces/" + id, a.accessToken(), Map.of("name", "x")), 404,
                        "not_found");
                assertError(server.delete("/api/v1/workspaces/" + id, a.accessToken()), 404, "not_found");
            }
        }
    }

    // --- workspace members -----------------------------------------------------------------

    @Nested
    @DisplayName("workspace members")
    class WorkspaceMembers {

        @Test
        @DisplayName("a workspace role raises an organization viewer in that workspace only")
        void workspaceRoleIsLocal() {
            Account owner = server.signup("Wsm Owner");
            Account b = server.signup("Wsm Member");
            String org = createOrg(owner, "Wsm");
            String main = defaultWorkspaceOf(owner, org);
            String side = createWorkspace(owner, org, "Side");
            addMember(owner, org, b, "viewer");

            JsonNode added = assertStatus(server.post("/api/v1/workspaces/" + side + "/members", owner.accessToken(),
                    Map.of("email", b.email(), "role", "admin")), 201);
            assertThat(added.path("user_id").asText()).isEqualTo(b.userId());
            assertThat(added.path("role").asText()).isEqualTo("admin");
            assertThat(list(assertStatus(server.get("/api/v1/workspaces/" + side + "/members", owner.accessToken()),
                    200).path("members"))).extracting(m -> m.path("user_id").asText()).containsExactly(b.userId());

            assertThat(assertStatus(server.get("/api/v1/workspaces/" + side, b.accessToken()), 200)
                    .path("role").asText()).isEqualTo("admin");
            assertStatus(server.patch("/api/v1/workspaces/" + side, b.accessToken(), Map.of("name", "Side B")), 200);
            assertThat(assertStatus(server.get("/api/v1/workspaces/" + main, b.accessToken()), 200)
                    .path("role").asText()).isEqualTo("viewer");
            assertError(server.patch("/api/v1/workspaces/" + main, b.accessToken(), Map.of("name", "Mine")), 403,
                    "forbidden");

            JsonNode changed = assertStatus(server.patch("/api/v1/workspaces/" + side + "/members/" + b.userId(),
                    owner.accessToken(), Map.of("role", "editor")), 200);
            assertThat(changed.path("role").asText()).isEqualTo("editor");
            assertError(server.patch("/api/v1/workspaces/" + side, b.accessToken(), Map.of("name", "x")), 403,
                    "forbidden");

            assertThat(server.delete("/api/v1/workspaces/" + side + "/members/" + b.userId(), owner.accessToken())
                    .status()).isEqualTo(204);
            assertThat(assertStatus(server.get("/api/v1/workspaces/" + side, b.accessToken()), 200)
                    .path("role").asText()).isEqualTo("viewer");
        }

        @Test
        @DisplayName("only members of the organization can be added; twice is 409")
        void onlyOrganizationMembers() {
            Account owner = server.signup("Wsm Gate");
            Account outsider = server.signup("Wsm Outsider");
            String ws = defaultWorkspaceOf(owner, owner.organizationId());

            JsonNode error = assertError(server.post("/api/v1/workspaces/" + ws + "/members", owner.accessToken(),
                    Map.of("email", outsider.email(), "role", "viewer")), 400, "invalid_field");
            assertThat(error.path("details").path("field").asText()).isEqualTo("email");
            assertError(server.get("/api/v1/workspaces/" + ws, outsider.accessToken()), 404, "not_found");

            assertStatus(server.post("/api/v1/workspaces/" + ws + "/members", owner.accessToken(),
                    Map.of("email", owner.email(), "role", "viewer")), 201);
            assertError(server.post("/api/v1/workspaces/" + ws + "/members", owner.accessToken(),
                    Map.of("email", owner.email(), "role", "viewer")), 409, "already_member");
        }

        @Test
        @DisplayName("nobody grants a workspace role stronger than their own; viewers manage nobody but themselves")
        void noEscalation() {
            Account owner = server.signup("Esc Owner");
            Account admin = server.signup("Esc Admin");
            Account viewer = server.signup("Esc Viewer");
            String org = createOrg(owner, "Escalation");
            String ws = defaultWorkspaceOf(owner, org);
            addMember(owner, org, admin, "viewer");
            addMember(owner, org, viewer, "viewer");
            String members = "/api/v1/workspaces/" + ws + "/members";
            assertStatus(server.post(members, owner.accessToken(), Map.of("email", admin.email(), "role", "admin")),
                    201);

            assertError(server.post(members, admin.accessToken(), Map.of("email", viewer.email(), "role", "owner")),
                    403, "forbidden");
            assertError(server.patch(members + "/" + admin.userId(), admin.accessToken(), Map.of("role", "owner")),
                    403, "forbidden");
            assertStatus(server.post(members, admin.accessToken(), Map.of("email", viewer.email(), "role", "viewer")),
                    201);
            assertError(server.post(members, viewer.accessToken(), Map.of("email", owner.email(), "role", "viewer")),
                    403, "forbidden");
            assertError(server.delete(members + "/" + admin.userId(), viewer.accessToken()), 403, "forbidden");
            assertThat(server.delete(members + "/" + viewer.userId(), viewer.accessToken()).status()).isEqualTo(204);
        }
    }
}
