package io.parley.server.storage;

import io.parley.server.auth.User;
import io.parley.server.auth.UserStore;
import io.parley.server.common.Ids;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.tenancy.MemberView;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.TenancyStore;
import io.parley.server.tenancy.WorkspaceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage behaviour every database must show. Run once on H2 and once on a real PostgreSQL
 * by the subclasses, so the same SQL is proven on both.
 */
abstract class StorageContract {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    protected Database db;
    private UserStore users;
    private TenancyStore tenancy;

    protected abstract DatabaseSettings settings();

    @BeforeEach
    void open() {
        db = Database.open(settings());
        users = new UserStore(db);
        tenancy = new TenancyStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    @DisplayName("migrations are applied and re-opening is a no-op")
    void migrationsAreIdempotent() {
        db.close();
        db = Database.open(settings());
        assertThat(db.isReachable()).isTrue();
        long applied = db.execute().get("SELECT COUNT(*) AS n FROM flyway_schema_history WHERE success = TRUE")
                .map(r -> Rows.number(r, "n")).orElseThrow();
        assertThat(applied).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("users round-trip with timestamps to the microsecond and NULL password hashes")
    void userRoundTrip() {
        User u = user("Ada@Example.com", null);
        assertThat(users.byId(u.id())).contains(u);
        assertThat(users.byEmail("ada@example.com")).contains(u);
        assertThat(users.byId(Ids.newId())).isEmpty();
    }

    @Test
    @DisplayName("emails are unique after normalisation, enforced by the database")
    void uniqueEmail() {
        user("bob@example.com", "hash");
        User clash = new User(Ids.newId(), "BOB@example.com", "Bob 2", "hash", false, T0);
        assertThatThrownBy(() -> db.runInTransaction(tx -> users.insert(tx, clash, "bob@example.com", T0)))
                .isInstanceOf(RuntimeException.class);
        assertThat(users.byId(clash.id())).isEmpty();
    }

    @Test
    @DisplayName("a failing transaction leaves nothing behind")
    void rollback() {
        String orgId = Ids.newId();
        User owner = user("carol@example.com", "hash");
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tenancy.insertOrganization(tx, orgId, "Acme", owner.id(), T0);
            tenancy.insertOrganizationMember(tx, orgId, owner.id(), Role.OWNER, T0);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(tenancy.organizationsOf(owner.id())).isEmpty();
        assertThat(tenancy.organizationRole(orgId, owner.id())).isEmpty();
    }

    @Test
    @DisplayName("effective workspace role is the stronger of organization and workspace roles")
    void effectiveRoles() {
        User owner = user("dora@example.com", "hash");
        User viewer = user("eve@example.com", "hash");
        String orgId = Ids.newId();
        String wsId = Ids.newId();
        db.runInTransaction(tx -> {
            tenancy.insertOrganization(tx, orgId, "Acme", owner.id(), T0);
            tenancy.insertOrganizationMember(tx, orgId, owner.id(), Role.OWNER, T0);
            tenancy.insertOrganizationMember(tx, orgId, viewer.id(), Role.VIEWER, T0.plusSeconds(1));
            tenancy.insertWorkspace(tx, wsId, orgId, "Default", true, owner.id(), T0);
        });
        assertThat(tenancy.workspaceRoles(wsId, viewer.id()).orElseThrow().effective()).isEqualTo(Role.VIEWER);
        db.runInTransaction(tx -> tenancy.insertWorkspaceMember(tx, wsId, viewer.id(), Role.EDITOR, T0));
        assertThat(tenancy.workspaceRoles(wsId, viewer.id()).orElseThrow().effective()).isEqualTo(Role.EDITOR);
        assertThat(tenancy.workspaceRoles(wsId, owner.id()).orElseThrow().effective()).isEqualTo(Role.OWNER);

        User stranger = user("mallory@example.com", "hash");
        assertThat(tenancy.workspaceRoles(wsId, stranger.id()).orElseThrow().effective()).isNull();
        assertThat(tenancy.workspacesOf(orgId, stranger.id())).isEmpty();
        assertThat(tenancy.defaultWorkspaceOf(stranger.id())).isEmpty();
        assertThat(tenancy.defaultWorkspaceOf(viewer.id())).contains(wsId);
    }

    @Test
    @DisplayName("deleting an organization cascades to its workspaces and memberships")
    void cascade() {
        User owner = user("fay@example.com", "hash");
        String orgId = Ids.newId();
        String wsId = Ids.newId();
        db.runInTransaction(tx -> {
            tenancy.insertOrganization(tx, orgId, "Acme", owner.id(), T0);
            tenancy.insertOrganizationMember(tx, orgId, owner.id(), Role.OWNER, T0);
            tenancy.insertWorkspace(tx, wsId, orgId, "Default", true, owner.id(), T0);
            tenancy.insertWorkspaceMember(tx, wsId, owner.id(), Role.ADMIN, T0);
        });
        tenancy.deleteOrganization(orgId);
        assertThat(tenancy.workspace(wsId)).isEmpty();
        assertThat(tenancy.workspaceMembers(wsId)).isEmpty();
        assertThat(tenancy.organizationMembers(orgId)).isEmpty();
        assertThat(users.byId(owner.id())).isPresent();
    }

    @Test
    @DisplayName("moving the default workspace flips exactly one flag")
    void defaultWorkspace() {
        User owner = user("gus@example.com", "hash");
        String orgId = Ids.newId();
        String first = Ids.newId();
        String second = Ids.newId();
        db.runInTransaction(tx -> {
            tenancy.insertOrganization(tx, orgId, "Acme", owner.id(), T0);
            tenancy.insertOrganizationMember(tx, orgId, owner.id(), Role.OWNER, T0);
            tenancy.insertWorkspace(tx, first, orgId, "One", true, owner.id(), T0);
            tenancy.insertWorkspace(tx, second, orgId, "Two", false, owner.id(), T0.plusSeconds(5));
        });
        db.runInTransaction(tx -> tenancy.makeDefaultWorkspace(tx, orgId, second));
        List<WorkspaceView> all = tenancy.workspacesOf(orgId, owner.id());
        assertThat(all).extracting(WorkspaceView::name, WorkspaceView::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Two", true),
                        org.assertj.core.groups.Tuple.tuple("One", false));
        assertThat(tenancy.countWorkspaces(orgId)).isEqualTo(2);
    }

    @Test
    @DisplayName("members list with their roles; removing from the organization removes from its workspaces")
    void members() {
        User owner = user("hal@example.com", "hash");
        User member = user("ivy@example.com", "hash");
        String orgId = Ids.newId();
        String wsId = Ids.newId();
        db.runInTransaction(tx -> {
            tenancy.insertOrganization(tx, orgId, "Acme", owner.id(), T0);
            tenancy.insertOrganizationMember(tx, orgId, owner.id(), Role.OWNER, T0);
            tenancy.insertOrganizationMember(tx, orgId, member.id(), Role.EDITOR, T0.plusSeconds(1));
            tenancy.insertWorkspace(tx, wsId, orgId, "Default", true, owner.id(), T0);
            tenancy.insertWorkspaceMember(tx, wsId, member.id(), Role.ADMIN, T0);
        });
        assertThat(tenancy.organizationMembers(orgId)).extracting(MemberView::email, MemberView::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hal@example.com", "owner"),
                        org.assertj.core.groups.Tuple.tuple("ivy@example.com", "editor"));
        assertThat(tenancy.countOwners(orgId)).isEqualTo(1);
        db.runInTransaction(tx -> tenancy.removeOrganizationMember(tx, orgId, member.id()));
        assertThat(tenancy.workspaceMemberRole(wsId, member.id())).isEmpty();
        assertThat(tenancy.organizationRole(orgId, member.id())).isEmpty();
    }

    @Test
    @DisplayName("role names outside the four are refused by the database itself")
    void roleConstraint() {
        User owner = user("jo@example.com", "hash");
        String orgId = Ids.newId();
        db.runInTransaction(tx -> tenancy.insertOrganization(tx, orgId, "Acme", owner.id(), T0));
        assertThatThrownBy(() -> db.execute().insert(
                "INSERT INTO organization_members (organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
                orgId, owner.id(), "superuser", Rows.timestamp(T0))).isInstanceOf(RuntimeException.class);
    }

    private User user(String email, String hash) {
        User u = new User(Ids.newId(), email, email.substring(0, email.indexOf('@')), hash, false,
                T0.truncatedTo(ChronoUnit.MICROS));
        db.runInTransaction(tx -> users.insert(tx, u, email.toLowerCase(), T0));
        return u;
    }
}
