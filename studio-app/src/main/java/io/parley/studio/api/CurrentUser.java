package io.parley.studio.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/v1/auth/me}: who is signed in and where they work by default.
 */
public record CurrentUser(User user, Workspace defaultWorkspace) {

    /** {@code local} is true for the owner the embedded server creates for the desktop user. */
    public record User(String id, String email, String name, @JsonProperty("is_local") boolean local,
                       String createdAt) {
    }

    public record Workspace(String id, String name, String organizationId, String organizationName, String role) {
    }
}
