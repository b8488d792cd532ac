package io.parley.server.testing;

import io.parley.server.auth.User;
import io.parley.server.auth.UserStore;
import io.parley.server.common.Ids;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.TenancyStore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Users with their own organization and workspace, written straight to the database (no HTTP, no hashing). */
public final class Tenants {

    /** A user who owns an organization and its workspace. */
    public record Tenant(String userId, String organizationId, String workspaceId) {
        public Principal principal() {
            return Principal.user(userId);
        }
    }

    private Tenants() {
    }

    public static Tenant create(Database db, String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String userId = Ids.newId();
        String orgId = Ids.newId();
        String workspaceId = Ids.newId();
        String email = name.toLowerCase().replace(' ', '.') + "+" + userId.substring(0, 8) + "@example.com";
        UserStore users = new UserStore(db);
        TenancyStore tenancy = new TenancyStore(db);
        db.runInTransaction(tx -> {
            users.insert(tx, new User(userId, email, name, null, false, now), email, now);
            tenancy.insertOrganization(tx, orgId, name + "'s organization", userId, now);
            tenancy.insertOrganizationMember(tx, orgId, userId, Role.OWNER, now);
            tenancy.insertWorkspace(tx, workspaceId, orgId, "Default", true, userId, now);
        });
        return new Tenant(userId, orgId, workspaceId);
    }

    /** Another user, member of {@code workspaceId} only, with {@code role}. */
    public static Principal member(Database db, String workspaceId, Role role) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String userId = Ids.newId();
        String email = "member+" + userId.substring(0, 8) + "@example.com";
        db.runInTransaction(tx -> {
            new UserStore(db).insert(tx, new User(userId, email, "Member", null, false, now), email, now);
            new TenancyStore(db).insertWorkspaceMember(tx, workspaceId, userId, role, now);
        });
        return Principal.user(userId);
    }
}
