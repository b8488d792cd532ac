package io.parley.server.tenancy;

import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.storage.Database;

import java.time.Instant;
import java.util.List;

/** Organizations and their members. Every method starts with the access check. */
public final class OrganizationService {

    public static final String DEFAULT_WORKSPACE_NAME = "Default";

    private final Database db;
    private final TenancyStore store;
    private final AccessPolicy policy;
    private final Clock clock;

    public OrganizationService(Database db, TenancyStore store, AccessPolicy policy, Clock clock) {
        this.db = db;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public List<OrganizationView> listMine(Principal caller) {
        return store.organizationsOf(policy.requireUser(caller));
    }

    /** A new organization, owned by the caller, with a "Default" workspace. */
    public OrganizationView create(Principal caller, String name) {
        String userId = policy.requireUser(caller);
        String orgName = Text.required("name", name, 200);
        String orgId = Ids.newId();
        Instant now = clock.now();
        db.runInTransaction(tx -> {
            store.insertOrganization(tx, orgId, orgName, userId, now);
            store.insertOrganizationMember(tx, orgId, userId, Role.OWNER, now);
            store.insertWorkspace(tx, Ids.newId(), orgId, DEFAULT_WORKSPACE_NAME, true, userId, now);
        });
        return new OrganizationView(orgId, orgName, Role.OWNER.value(), now);
    }

    public OrganizationView get(Principal caller, String orgId) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.VIEWER);
        return store.organizationFor(orgId, access.userId()).orElseThrow(() -> ParleyException.notFound("Organization"));
    }

    public OrganizationView rename(Principal caller, String orgId, String name) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.ADMIN);
        store.renameOrganization(orgId, Text.required("name", name, 200), clock.now());
        return store.organizationFor(orgId, access.userId()).orElseThrow(() -> ParleyException.notFound("Organization"));
    }

    /** Deletes the organization with its workspaces and everything in them. Owners only. */
    public void delete(Principal caller, String orgId) {
        policy.organization(caller, orgId, Role.OWNER);
        store.deleteOrganization(orgId);
    }

    public List<MemberView> members(Principal caller, String orgId) {
        policy.organization(caller, orgId, Role.VIEWER);
        return store.organizationMembers(orgId);
    }

    /** Adds an existing user (found by email) to the organization. */
    public MemberView addMember(Principal caller, String orgId, String email, String roleName) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.ADMIN);
        Role role = Role.parse("role", roleName);
        requireMayGrant(access, role);
        String normalized = Text.normalizeEmail(Text.email("email", email));
        String userId = store.userIdByEmail(normalized).orElseThrow(() -> ParleyException.invalidField("email",
                "No Parley account uses " + normalized + "; ask them to sign up first"));
        if (store.organizationRole(orgId, userId).isPresent()) {
            throw ParleyException.conflict("already_member", normalized + " is already a member of this organization");
        }
        db.runInTransaction(tx -> store.insertOrganizationMember(tx, orgId, userId, role, clock.now()));
        return findMember(orgId, userId);
    }

    public MemberView updateMember(Principal caller, String orgId, String userId, String roleName) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.ADMIN);
        Role role = Role.parse("role", roleName);
        Role current = memberRole(orgId, userId);
        requireMayGrant(access, role);
        requireMayGrant(access, current);
        if (current == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(orgId);
        }
        store.updateOrganizationMemberRole(orgId, userId, role);
        return findMember(orgId, userId);
    }

    /** Removes a member (or lets a member leave). The last owner cannot go. */
    public void removeMember(Principal caller, String orgId, String userId) {
        OrganizationAccess access = policy.organization(caller, orgId, Role.VIEWER);
        Role current = memberRole(orgId, userId);
        if (!userId.equals(access.userId())) {
            if (!access.role().atLeast(Role.ADMIN)) {
                throw ParleyException.forbidden("Only admins and owners can remove other members");
            }
            requireMayGrant(access, current);
        }
        if (current == Role.OWNER) {
            requireAnotherOwner(orgId);
        }
        db.runInTransaction(tx -> store.removeOrganizationMember(tx, orgId, userId));
    }

    private Role memberRole(String orgId, String userId) {
        if (!Ids.looksLikeId(userId)) {
            throw ParleyException.notFound("Member");
        }
        return store.organizationRole(orgId, userId).orElseThrow(() -> ParleyException.notFound("Member"));
    }

    private MemberView findMember(String orgId, String userId) {
        return store.organizationMembers(orgId).stream().filter(m -> m.userId().equals(userId)).findFirst()
                .orElseThrow(() -> ParleyException.notFound("Member"));
    }

    /** Only owners hand out or take away the owner role. */
    private static void requireMayGrant(OrganizationAccess access, Role role) {
        if (role == Role.OWNER && access.role() != Role.OWNER) {
            throw ParleyException.forbidden("Only owners can grant, change or remove the owner role");
        }
    }

    private void requireAnotherOwner(String orgId) {
        if (store.countOwners(orgId) <= 1) {
            throw ParleyException.conflict("last_owner",
                    "An organization needs at least one owner; make someone else owner first");
        }
    }
}
