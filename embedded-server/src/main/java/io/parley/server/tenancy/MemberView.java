package io.parley.server.tenancy;

import java.time.Instant;

/** A member of an organization or workspace. */
public record MemberView(String userId, String email, String name, String role, Instant joinedAt) {
}
