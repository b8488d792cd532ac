package io.parley.server.tenancy;

/** Proof that a user may act in an organization, with their role there. */
public record OrganizationAccess(String organizationId, String userId, Role role) {
}
