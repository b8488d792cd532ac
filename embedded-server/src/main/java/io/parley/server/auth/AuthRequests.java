package io.parley.server.auth;

/** Request bodies of the auth routes. */
public final class AuthRequests {
    private AuthRequests() {
    }

    public record SignupRequest(String email, String password, String name) {
        @Override
        public String toString() {
            return "SignupRequest[email=" + email + ", name=" + name + "]";
        }
    }

    public record LoginRequest(String email, String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    public record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[…]";
        }
    }

    public record CreateApiKeyRequest(String name, String workspaceId, String role) {
    }
}
