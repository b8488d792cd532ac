package io.parley.server.tenancy;

import java.time.Instant;

/** A workspace as a member sees it; {@code role} is the caller's effective role (null where not computed). */
public record WorkspaceView(String id, String organizationId, String organizationName, String name,
                            boolean isDefault, String role, Instant createdAt) {

    public WorkspaceView withRole(Role r) {
        return new WorkspaceView(id, organizationId, organizationName, name, isDefault, r.value(), createdAt);
    }
}
