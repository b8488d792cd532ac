package io.parley.server.tenancy;

/** Proof that a caller may act in a workspace, with the role it acts with. */
public record WorkspaceAccess(String workspaceId, String organizationId, Role role) {
}
