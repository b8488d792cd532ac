package io.parley.server.tenancy;

import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;
import io.parley.server.tenancy.TenancyRequests.AddMemberRequest;
import io.parley.server.tenancy.TenancyRequests.NameRequest;
import io.parley.server.tenancy.TenancyRequests.UpdateMemberRequest;

import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/** Organizations, workspaces and memberships. Handlers only parse and delegate. */
public final class TenancyRoutes {

    private final OrganizationService organizations;
    private final WorkspaceService workspaces;

    public TenancyRoutes(OrganizationService organizations, WorkspaceService workspaces) {
        this.organizations = organizations;
        this.workspaces = workspaces;
    }

    public void register(ApiRoutes api) {
        ApiRoutes orgs = api.tagged("organizations");
        orgs.get("/orgs", AUTHENTICATED, "List my organizations", this::listOrgs)
                .post("/orgs", AUTHENTICATED, "Create an organization (with a Default workspace)",
                        NameRequest.class, this::createOrg)
                .get("/orgs/{org_id}", AUTHENTICATED, "Get an organization", this::getOrg)
                .patch("/orgs/{org_id}", AUTHENTICATED, "Rename an organization", NameRequest.class, this::renameOrg)
                .delete("/orgs/{org_id}", AUTHENTICATED, "Delete an organization (owners)", this::deleteOrg)
                .get("/orgs/{org_id}/members", AUTHENTICATED, "List organization members", this::listOrgMembers)
                .post("/orgs/{org_id}/members", AUTHENTICATED, "Add a user to the organization by email",
                        AddMemberRequest.class, this::addOrgMember)
                .patch("/orgs/{org_id}/members/{user_id}", AUTHENTICATED, "Change a member's role",
                        UpdateMemberRequest.class, this::updateOrgMember)
                .delete("/orgs/{org_id}/members/{user_id}", AUTHENTICATED, "Remove a member (or leave)",
                        this::removeOrgMember)
                .get("/orgs/{org_id}/workspaces", AUTHENTICATED, "List the organization's workspaces",
                        this::listWorkspaces)
                .post("/orgs/{org_id}/workspaces", AUTHENTICATED, "Create a workspace", NameRequest.class,
                        this::createWorkspace);

        ApiRoutes ws = api.tagged("workspaces");
        ws.get("/workspaces/{workspace_id}", AUTHENTICATED, "Get a workspace", this::getWorkspace)
                .patch("/workspaces/{workspace_id}", AUTHENTICATED, "Rename a workspace", NameRequest.class,
                        this::renameWorkspace)
                .delete("/workspaces/{workspace_id}", AUTHENTICATED, "Delete a workspace and its contents",
                        this::deleteWorkspace)
                .get("/workspaces/{workspace_id}/members", AUTHENTICATED, "List workspace members",
                        this::listWorkspaceMembers)
                .post("/workspaces/{workspace_id}/members", AUTHENTICATED,
                        "Give an organization member a role in the workspace", AddMemberRequest.class,
                        this::addWorkspaceMember)
                .patch("/workspaces/{workspace_id}/members/{user_id}", AUTHENTICATED,
                        "Change a workspace member's role", UpdateMemberRequest.class, this::updateWorkspaceMember)
                .delete("/workspaces/{workspace_id}/members/{user_id}", AUTHENTICATED,
                        "Remove a workspace member", this::removeWorkspaceMember);
    }

    private Object listOrgs(ApiRequest req) {
        return Map.of("organizations", organizations.listMine(req.principal()));
    }

    private Object createOrg(ApiRequest req) {
        return Reply.created(organizations.create(req.principal(), req.body(NameRequest.class).name()));
    }

    private Object getOrg(ApiRequest req) {
        return organizations.get(req.principal(), req.path("org_id"));
    }

    private Object renameOrg(ApiRequest req) {
        return organizations.rename(req.principal(), req.path("org_id"), req.body(NameRequest.class).name());
    }

    private Object deleteOrg(ApiRequest req) {
        organizations.delete(req.principal(), req.path("org_id"));
        return Reply.noContent();
    }

    private Object listOrgMembers(ApiRequest req) {
        return Map.of("members", organizations.members(req.principal(), req.path("org_id")));
    }

    private Object addOrgMember(ApiRequest req) {
        AddMemberRequest body = req.body(AddMemberRequest.class);
        return Reply.created(organizations.addMember(req.principal(), req.path("org_id"), body.email(), body.role()));
    }

    private Object updateOrgMember(ApiRequest req) {
        return organizations.updateMember(req.principal(), req.path("org_id"), req.path("user_id"),
                req.body(UpdateMemberRequest.class).role());
    }

    private Object removeOrgMember(ApiRequest req) {
        organizations.removeMember(req.principal(), req.path("org_id"), req.path("user_id"));
        return Reply.noContent();
    }

    private Object listWorkspaces(ApiRequest req) {
        return Map.of("workspaces", workspaces.listInOrganization(req.principal(), req.path("org_id")));
    }

    private Object createWorkspace(ApiRequest req) {
        return Reply.created(workspaces.create(req.principal(), req.path("org_id"), req.body(NameRequest.class).name()));
    }

    private Object getWorkspace(ApiRequest req) {
        return workspaces.get(req.principal(), req.path("workspace_id"));
    }

    private Object renameWorkspace(ApiRequest req) {
        return workspaces.rename(req.principal(), req.path("workspace_id"), req.body(NameRequest.class).name());
    }

    private Object deleteWorkspace(ApiRequest req) {
        workspaces.delete(req.principal(), req.path("workspace_id"));
        return Reply.noContent();
    }

    private Object listWorkspaceMembers(ApiRequest req) {
        return Map.of("members", workspaces.members(req.principal(), req.path("workspace_id")));
    }

    private Object addWorkspaceMember(ApiRequest req) {
        AddMemberRequest body = req.body(AddMemberRequest.class);
        return Reply.created(workspaces.addMember(req.principal(), req.path("workspace_id"), body.email(),
                body.role()));
    }

    private Object updateWorkspaceMember(ApiRequest req) {
        return workspaces.updateMember(req.principal(), req.path("workspace_id"), req.path("user_id"),
                req.body(UpdateMemberRequest.class).role());
    }

    private Object removeWorkspaceMember(ApiRequest req) {
        workspaces.removeMember(req.principal(), req.path("workspace_id"), req.path("user_id"));
        return Reply.noContent();
    }
}
