package io.parley.server.tenancy;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for organizations, workspaces and their members. Writes take the transaction they belong to. */
public final class TenancyStore {

    private final Database db;

    public TenancyStore(Database db) {
        this.db = db;
    }

    // --- organizations -------------------------------------------------------------------

    public void insertOrganization(DbExecute tx, String id, String name, String createdBy, Instant now) {
        tx.insert("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id, name, createdBy, Rows.timestamp(now), Rows.timestamp(now));
    }

    public void insertOrganizationMember(DbExecute tx, String orgId, String userId, Role role, Instant now) {
        tx.insert("INSERT INTO organization_members (organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
                orgId, userId, role.value(), Rows.timestamp(now));
    }

    public List<OrganizationView> organizationsOf(String userId) {
        return db.execute().query("""
                        SELECT o.id, o.name, m.role, o.created_at FROM organizations o
                        JOIN organization_members m ON m.organization_id = o.id
                        WHERE m.user_id = ? ORDER BY o.created_at, o.id""", userId)
                .map(TenancyStore::organization).toList();
    }

    public Optional<OrganizationView> organizationFor(String orgId, String userId) {
        return db.execute().get("""
                        SELECT o.id, o.name, m.role, o.created_at FROM organizations o
                        JOIN organization_members m ON m.organization_id = o.id
                        WHERE o.id = ? AND m.user_id = ?""", orgId, userId)
                .map(TenancyStore::organization);
    }

    public Optional<Role> organizationRole(String orgId, String userId) {
        return db.execute().get("SELECT role FROM organization_members WHERE organization_id = ? AND user_id = ?",
                orgId, userId).map(r -> Role.fromDb(Rows.string(r, "role")));
    }

    public void renameOrganization(String orgId, String name, Instant now) {
        db.execute().update("UPDATE organizations SET name = ?, updated_at = ? WHERE id = ?",
                name, Rows.timestamp(now), orgId);
    }

    public void deleteOrganization(String orgId) {
        db.execute().delete("DELETE FROM organizations WHERE id = ?", orgId);
    }

    // --- workspaces ----------------------------------------------------------------------

    public void insertWorkspace(DbExecute tx, String id, String orgId, String name, boolean isDefault,
                                String createdBy, Instant now) {
        tx.insert("""
                        INSERT INTO workspaces (id, organization_id, name, is_default, created_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                id, orgId, name, isDefault, createdBy, Rows.timestamp(now), Rows.timestamp(now));
    }

    public void insertWorkspaceMember(DbExecute tx, String workspaceId, String userId, Role role, Instant now) {
        tx.insert("INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
                workspaceId, userId, role.value(), Rows.timestamp(now));
    }

    /** A workspace with the roles a user holds in it directly and through its organization. */
    public Optional<WorkspaceRoles> workspaceRoles(String workspaceId, String userId) {
        return db.execute().get("""
                        SELECT w.id, w.organization_id, wm.role AS ws_role, om.role AS org_role
                        FROM workspaces w
                        LEFT JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = ?
                        LEFT JOIN organization_members om ON om.organization_id = w.organization_id AND om.user_id = ?
                        WHERE w.id = ?""", userId, userId, workspaceId)
                .map(r -> new WorkspaceRoles(Rows.string(r, "id"), Rows.string(r, "organization_id"),
                        roleOrNull(Rows.string(r, "ws_role")), roleOrNull(Rows.string(r, "org_role"))));
    }

    public Optional<WorkspaceView> workspace(String workspaceId) {
        return db.execute().get("""
                        SELECT w.id, w.organization_id, w.name, w.is_default, w.created_at, o.name AS organization_name
                        FROM workspaces w JOIN organizations o ON o.id = w.organization_id WHERE w.id = ?""",
                workspaceId).map(r -> workspace(r, null));
    }

    /** Workspaces of an organization that a user can see, each with the user's effective role. */
    public List<WorkspaceView> workspacesOf(String orgId, String userId) {
        return db.execute().query("""
                        SELECT w.id, w.organization_id, w.name, w.is_default, w.created_at, o.name AS organization_name,
                               wm.role AS ws_role, om.role AS org_role
                        FROM workspaces w
                        JOIN organizations o ON o.id = w.organization_id
                        LEFT JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = ?
                        LEFT JOIN organization_members om ON om.organization_id = w.organization_id AND om.user_id = ?
                        WHERE w.organization_id = ? AND (wm.role IS NOT NULL OR om.role IS NOT NULL)
                        ORDER BY w.is_default DESC, w.created_at, w.id""", userId, userId, orgId)
                .map(r -> workspace(r, Role.stronger(roleOrNull(Rows.string(r, "ws_role")),
                        roleOrNull(Rows.string(r, "org_role")))))
                .toList();
    }

    /** The user's first organization's default workspace: where requests without a workspace go. */
    public Optional<String> defaultWorkspaceOf(String userId) {
        return db.execute().get("""
                        SELECT w.id FROM workspaces w
                        JOIN organization_members om ON om.organization_id = w.organization_id AND om.user_id = ?
                        ORDER BY om.created_at, w.organization_id, w.is_default DESC, w.created_at, w.id
                        FETCH FIRST 1 ROWS ONLY""", userId)
                .map(r -> Rows.string(r, "id"));
    }

    public long countWorkspaces(String orgId) {
        return db.execute().get("SELECT COUNT(*) AS n FROM workspaces WHERE organization_id = ?", orgId)
                .map(r -> Rows.number(r, "n")).orElse(0L);
    }

    public void renameWorkspace(String workspaceId, String name, Instant now) {
        db.execute().update("UPDATE workspaces SET name = ?, updated_at = ? WHERE id = ?",
                name, Rows.timestamp(now), workspaceId);
    }

    public void deleteWorkspace(DbExecute tx, String workspaceId) {
        tx.delete("DELETE FROM workspaces WHERE id = ?", workspaceId);
    }

    public void makeDefaultWorkspace(DbExecute tx, String orgId, String workspaceId) {
        tx.update("UPDATE workspaces SET is_default = (id = ?) WHERE organization_id = ?", workspaceId, orgId);
    }

    public Optional<String> oldestWorkspace(DbExecute tx, String orgId) {
        return tx.get("SELECT id FROM workspaces WHERE organization_id = ? ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY",
                orgId).map(r -> Rows.string(r, "id"));
    }

    // --- members -------------------------------------------------------------------------

    public List<MemberView> organizationMembers(String orgId) {
        return db.execute().query("""
                        SELECT u.id AS user_id, u.email, u.name, m.role, m.created_at FROM organization_members m
                        JOIN users u ON u.id = m.user_id WHERE m.organization_id = ? ORDER BY m.created_at, u.email""",
                orgId).map(TenancyStore::member).toList();
    }

    public List<MemberView> workspaceMembers(String workspaceId) {
        return db.execute().query("""
                        SELECT u.id AS user_id, u.email, u.name, m.role, m.created_at FROM workspace_members m
                        JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY m.created_at, u.email""",
                workspaceId).map(TenancyStore::member).toList();
    }

    public Optional<Role> workspaceMemberRole(String workspaceId, String userId) {
        return db.execute().get("SELECT role FROM workspace_members WHERE workspace_id = ? AND user_id = ?",
                workspaceId, userId).map(r -> Role.fromDb(Rows.string(r, "role")));
    }

    public long countOwners(String orgId) {
        return db.execute().get("SELECT COUNT(*) AS n FROM organization_members WHERE organization_id = ? AND role = 'owner'",
                orgId).map(r -> Rows.number(r, "n")).orElse(0L);
    }

    public void updateOrganizationMemberRole(String orgId, String userId, Role role) {
        db.execute().update("UPDATE organization_members SET role = ? WHERE organization_id = ? AND user_id = ?",
                role.value(), orgId, userId);
    }

    /** Removing someone from an organization also removes them from its workspaces. */
    public void removeOrganizationMember(DbExecute tx, String orgId, String userId) {
        tx.delete("""
                        DELETE FROM workspace_members WHERE user_id = ?
                        AND workspace_id IN (SELECT id FROM workspaces WHERE organization_id = ?)""", userId, orgId);
        tx.delete("DELETE FROM organization_members WHERE organization_id = ? AND user_id = ?", orgId, userId);
    }

    public void updateWorkspaceMemberRole(String workspaceId, String userId, Role role) {
        db.execute().update("UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND user_id = ?",
                role.value(), workspaceId, userId);
    }

    public void removeWorkspaceMember(String workspaceId, String userId) {
        db.execute().delete("DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?", workspaceId, userId);
    }

    public Optional<String> userIdByEmail(String normalizedEmail) {
        return db.execute().get("SELECT id FROM users WHERE email_normalized = ?", normalizedEmail)
                .map(r -> Rows.string(r, "id"));
    }

    // --- mapping -------------------------------------------------------------------------

    private static OrganizationView organization(DbRow r) {
        return new OrganizationView(Rows.string(r, "id"), Rows.string(r, "name"),
                Role.fromDb(Rows.string(r, "role")).value(), Rows.instant(r, "created_at"));
    }

    private static WorkspaceView workspace(DbRow r, Role role) {
        return new WorkspaceView(Rows.string(r, "id"), Rows.string(r, "organization_id"),
                Rows.string(r, "organization_name"), Rows.string(r, "name"), Rows.bool(r, "is_default"),
                role == null ? null : role.value(), Rows.instant(r, "created_at"));
    }

    private static MemberView member(DbRow r) {
        return new MemberView(Rows.string(r, "user_id"), Rows.string(r, "email"), Rows.string(r, "name"),
                Role.fromDb(Rows.string(r, "role")).value(), Rows.instant(r, "created_at"));
    }

    private static Role roleOrNull(String value) {
        return value == null ? null : Role.fromDb(value);
    }

    /** The roles a user holds in a workspace, directly and through its organization (either may be null). */
    public record WorkspaceRoles(String workspaceId, String organizationId, Role workspaceRole, Role organizationRole) {
        public Role effective() {
            return Role.stronger(workspaceRole, organizationRole);
        }
    }
}
