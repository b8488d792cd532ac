package io.parley.server.tenancy;

import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.storage.Database;

import java.time.Instant;
import java.util.List;

/** Workspaces of an organization and their members. Every method starts with the access check. */
public final class WorkspaceService {

    private final Database db;
    private final TenancyStore store;
    private final AccessPolicy policy;
    private final Clock clock;

    public WorkspaceService(Database db, TenancyStore store, AccessPolicy policy, Clock clock) {
        this.db = db;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public List<WorkspaceView> listInOrganization(Principal caller, String orgId) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.VIEWER);
        return store.workspacesOf(orgId, access.userId());
    }

    public WorkspaceView create(Principal caller, String orgId, String name) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.ADMIN);
        String wsName = Text.required("name", name, 200);
        String id = Ids.newId();
        Instant now = clock.now();
        db.runInTransaction(tx -> store.insertWorkspace(tx, id, orgId, wsName, false, access.userId(), now));
        return view(id, access.role());
    }

    public WorkspaceView get(Principal caller, String workspaceId) {
        WorkspaceAccess access = policy.workspace(caller, workspaceId, Role.VIEWER);
        return view(workspaceId, access.role());
    }

    public WorkspaceView rename(Principal caller, String workspaceId, String name) {
        WorkspaceAccess access = policy.workspace(caller, workspaceId, Role.ADMIN);
        store.renameWorkspace(workspaceId, Text.required("name", name, 200), clock.now());
        return view(workspaceId, access.role());
    }

    /** Deletes a workspace and everything in it. An organization keeps at least one workspace. */
    public void delete(Principal caller, String workspaceId) {
        WorkspaceAccess access = policy.workspace(caller, workspaceId, Role.ADMIN);
        if (caller.isApiKey()) {
            throw ParleyException.forbidden("An API key cannot delete its own workspace");
        }
        if (store.countWorkspaces(access.organizationId()) <= 1) {
            throw ParleyException.conflict("last_workspace",
                    "An organization keeps at least one workspace; create another before deleting this one");
        }
        boolean wasDefault = store.workspace(workspaceId).map(WorkspaceView::isDefault).orElse(false);
        db.runInTransaction(tx -> {
            store.deleteWorkspace(tx, workspaceId);
            if (wasDefault) {
                store.oldestWorkspace(tx, access.organizationId())
                        .ifPresent(next -> store.makeDefaultWorkspace(tx, access.organizationId(), next));
            }
        });
    }

    public List<MemberView> members(Principal caller, String workspaceId) {
        policy.workspace(caller, workspaceId, Role.VIEWER);
        return store.workspaceMembers(workspaceId);
    }

    /** Gives a member of the organization a role in this workspace. */
    public MemberView addMember(Principal caller, String workspaceId, String email, String roleName) {
        WorkspaceAccess access = policy.workspace(caller, workspaceId, Role.ADMIN);
        Role role = Role.parse("role", roleName);
        requireMayGrant(access, role);
        String normalized = Text.normalizeEmail(Text.email("email", email));
        String userId = store.userIdByEmail(normalized)
                .filter(id -> store.organizationRole(access.organizationId(), id).isPresent())
                .orElseThrow(() -> ParleyException.invalidField("email", normalized
                        + " is not a member of this workspace's organization; add them to the organization first"));
        if (store.workspaceMemberRole(workspaceId, userId).isPresent()) {
            throw ParleyException.conflict("already_member", normalized + " is already a member of this workspace");
        }
        db.runInTransaction(tx -> store.insertWorkspaceMember(tx, workspaceId, userId, role, clock.now()));
        return findMember(workspaceId, userId);
    }

    public MemberView updateMember(Principal caller, String workspaceId, String userId, String roleName) {
        WorkspaceAccess access = policy.workspace(caller, workspaceId, Role.ADMIN);
        Role role = Role.parse("role", roleName);
        requireMayGrant(access, role);
        requireMayGrant(access, memberRole(workspaceId, userId));
        store.updateWorkspaceMemberRole(workspaceId, userId, role);
        return findMember(workspaceId, userId);
    }

    public void removeMember(Principal caller, String workspaceId, String userId) {
        WorkspaceAccess access = policy.workspace(caller, workspaceId, Role.VIEWER);
        Role current = memberRole(workspaceId, userId);
        boolean self = !caller.isApiKey() && userId.equals(caller.userId());
        if (!self) {
            if (!access.role().atLeast(Role.ADMIN)) {
                throw ParleyException.forbidden("Only admins and owners can remove other members");
            }
            requireMayGrant(access, current);
        }
        store.removeWorkspaceMember(workspaceId, userId);
    }

    private WorkspaceView view(String workspaceId, Role role) {
        return store.workspace(workspaceId).orElseThrow(() -> ParleyException.notFound("Workspace")).withRole(role);
    }

    private Role memberRole(String workspaceId, String userId) {
        if (!Ids.looksLikeId(userId)) {
            throw ParleyException.notFound("Member");
        }
        return store.workspaceMemberRole(workspaceId, userId).orElseThrow(() -> ParleyException.notFound("Member"));
    }

    private MemberView findMember(String workspaceId, String userId) {
        return store.workspaceMembers(workspaceId).stream().filter(m -> m.userId().equals(userId)).findFirst()
                .orElseThrow(() -> ParleyException.notFound("Member"));
    }

    /** Nobody hands out (or changes) a role stronger than their own. */
    private static void requireMayGrant(WorkspaceAccess access, Role role) {
        if (role.compareTo(access.role()) > 0) {
            throw ParleyException.forbidden("You cannot grant or change a role stronger than your own ("
                    + access.role().value() + ")");
        }
    }
}
