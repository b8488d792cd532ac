package io.parley.server.tenancy;

import java.time.Instant;

/** An organization as its member sees it, with their role in it. */
public record OrganizationView(String id, String name, String role, Instant createdAt) {
}
