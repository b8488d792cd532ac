package io.parley.server.tenancy;

/** Request bodies of the organization and workspace routes. */
public final class TenancyRequests {
    private TenancyRequests() {
    }

    public record NameRequest(String name) {
    }

    public record AddMemberRequest(String email, String role) {
    }

    public record UpdateMemberRequest(String role) {
    }
}
