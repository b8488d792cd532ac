package io.parley.server.auth;

/** What sign-up, login and refresh answer. */
public record TokenResponse(User user, String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
