package io.parley.server.auth;

import io.parley.server.common.ParleyException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T10:00:00Z"));
    private final TokenService tokens = new TokenService(KEY, Duration.ofMinutes(30), Duration.ofDays(30), now::get);

    @Test
    void accessTokenRoundTrip() {
        TokenService.Signed signed = tokens.issue("user-1", TokenService.Use.ACCESS);
        TokenService.Claims claims = tokens.verify(signed.token(), TokenService.Use.ACCESS);
        assertThat(claims.userId()).isEqualTo("user-1");
        assertThat(claims.tokenId()).isEqualTo(signed.tokenId());
        assertThat(claims.expiresAt()).isEqualTo(now.get().plus(Duration.ofMinutes(30)));
    }

    @Test
    void expiresExactlyAtItsLifetime() {
        String token = tokens.issue("user-1", TokenService.Use.ACCESS).token();
        now.set(now.get().plus(Duration.ofMinutes(30)));
        assertThatThrownBy(() -> tokens.verify(token, TokenService.Use.ACCESS))
                .isInstanceOf(ParleyException.class)
                .extracting(e -> ((ParleyException) e).code()).isEqualTo("token_expired");
    }

    @Test
    void useIsChecked() {
        String refresh = tokens.issue("user-1", TokenService.Use.REFRESH).token();
        String access = tokens.issue("user-1", TokenService.Use.ACCESS).token();
        assertThatThrownBy(() -> tokens.verify(refresh, TokenService.Use.ACCESS)).hasMessageContaining("access token");
        assertThatThrownBy(() -> tokens.verify(access, TokenService.Use.REFRESH)).hasMessageContaining("refresh token");
    }

    @Test
    void otherKeysAndTamperingAreRefused() {
        TokenService other = new TokenService("another key that is long enough!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(30), Duration.ofDays(30), now::get);
        String foreign = other.issue("user-1", TokenService.Use.ACCESS).token();
        assertThatThrownBy(() -> tokens.verify(foreign, TokenService.Use.ACCESS)).hasMessageContaining("signature");

        String token = tokens.issue("user-1", TokenService.Use.ACCESS).token();
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("user-1", "user-2").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2], TokenService.Use.ACCESS))
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify("not-a-jwt", TokenService.Use.ACCESS)).hasMessageContaining("malformed");
        // "alg": "none" must never be accepted
        String none = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThatThrownBy(() -> tokens.verify(none, TokenService.Use.ACCESS)).isInstanceOf(ParleyException.class);
    }
}
