package io.parley.server.tenancy;

import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;

import java.util.Optional;

/**
 * The one authorization check every route goes through. A resource the caller cannot see answers
 * 404 — the same as one that does not exist — so ids of other tenants reveal nothing; a resource
 * the caller can see but not change answers 403.
 *
 * <p>A user's role in a workspace is the stronger of their workspace role and their organization
 * role. An API key acts only in its own workspace, with its own role, and never on organizations.
 */
public final class AccessPolicy {

    private final TenancyStore store;

    public AccessPolicy(TenancyStore store) {
        this.store = store;
    }

    public WorkspaceAccess workspace(Principal caller, String workspaceId, Role required) {
        if (!Ids.looksLikeId(workspaceId)) {
            throw ParleyException.notFound("Workspace");
        }
        WorkspaceAccess access;
        if (caller.isApiKey()) {
            if (!caller.apiKeyWorkspaceId().equals(workspaceId)) {
                throw ParleyException.notFound("Workspace");
            }
            TenancyStore.WorkspaceRoles ws = store.workspaceRoles(workspaceId, "")
                    .orElseThrow(() -> ParleyException.notFound("Workspace"));
            access = new WorkspaceAccess(workspaceId, ws.organizationId(), caller.apiKeyRole());
        } else {
            TenancyStore.WorkspaceRoles ws = store.workspaceRoles(workspaceId, caller.userId())
                    .filter(r -> r.effective() != null)
                    .orElseThrow(() -> ParleyException.notFound("Workspace"));
            access = new WorkspaceAccess(workspaceId, ws.organizationId(), ws.effective());
        }
        requireRole(access.role(), required, "workspace");
        return access;
    }

    /**
     * Access to a resource of {@code workspaceId}: when the caller cannot see the workspace the
     * answer is "{@code what} not found", so another tenant's resources are not revealed.
     */
    public WorkspaceAccess resource(Principal caller, String workspaceId, Role required, String what) {
        try {
            return workspace(caller, workspaceId, required);
        } catch (ParleyException e) {
            throw e.kind() == ParleyException.Kind.NOT_FOUND ? ParleyException.notFound(what) : e;
        }
    }

    /**
     * The workspace a request names ({@code workspace_id}), or the caller's default one: the
     * API key's own workspace, or the user's first organization's default workspace.
     */
    public WorkspaceAccess workspaceOrDefault(Principal caller, Optional<String> workspaceId, Role required) {
        String id = workspaceId.orElseGet(() -> defaultWorkspaceId(caller));
        return workspace(caller, id, required);
    }

    public String defaultWorkspaceId(Principal caller) {
        if (caller.isApiKey()) {
            return caller.apiKeyWorkspaceId();
        }
        return store.defaultWorkspaceOf(caller.userId()).orElseThrow(() -> new ParleyException(
                ParleyException.Kind.NOT_FOUND, "no_workspace",
                "You are not in any workspace; create an organization first (POST /api/v1/orgs)", null));
    }

    public OrganizationAccess organization(Principal caller, String orgId, Role required) {
        String userId = requireUser(caller);
        if (!Ids.looksLikeId(orgId)) {
            throw ParleyException.notFound("Organization");
        }
        Role role = store.organizationRole(orgId, userId)
                .orElseThrow(() -> ParleyException.notFound("Organization"));
        requireRole(role, required, "organization");
        return new OrganizationAccess(orgId, userId, role);
    }

    /** Account-level actions (organizations, the user's own profile) need a person, not an API key. */
    public String requireUser(Principal caller) {
        if (caller.isApiKey()) {
            throw ParleyException.forbidden("API keys act inside their workspace only; sign in as a user for this");
        }
        return caller.userId();
    }

    private static void requireRole(Role actual, Role required, String where) {
        if (!actual.atLeast(required)) {
            throw ParleyException.forbidden("This needs the " + required.value() + " role in this " + where
                    + "; you have " + actual.value());
        }
    }
}
