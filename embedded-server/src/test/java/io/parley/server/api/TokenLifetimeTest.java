package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.parley.server.config.ParleyConfig;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static io.parley.server.api.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

/** A server configured with a 1-second access token lifetime and its own signing secret. */
@DisplayName("Token lifetimes and expiry")
class TokenLifetimeTest {

    static final String SECRET = "token-lifetime-test-secret-0123456789abcdefgh";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ParleyConfig.embedded(dataDir).withAuth(new ParleyConfig.AuthSettings(
                Optional.of(SECRET), Duration.ofSeconds(1), Duration.ofDays(1))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("issued tokens carry the configured lifetimes and the expected claims")
    void issuedTokensFollowTheConfiguration() {
        JsonNode body = assertStatus(server.post("/api/v1/auth/signup", null, Map.of("email",
                AuthFlowContract.uniqueEmail("ttl"), "password", AuthFlowContract.PASSWORD, "name", "TTL")), 201);
        assertThat(body.path("expires_in").asLong()).isEqualTo(1);

        JWTClaimsSet access = Jwts.read(body.path("access_token").asText());
        assertThat(access.getIssuer()).isEqualTo("parley");
        assertThat(access.getSubject()).isEqualTo(body.path("user").path("id").asText());
        assertThat(access.getJWTID()).isNotBlank();
        assertThat(access.getClaim("token_use")).isEqualTo("access");
        assertThat(Duration.between(access.getIssueTime().toInstant(), access.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(1));

        JWTClaimsSet refresh = Jwts.read(body.path("refresh_token").asText());
        assertThat(refresh.getClaim("token_use")).isEqualTo("refresh");
        assertThat(Duration.between(refresh.getIssueTime().toInstant(), refresh.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    @DisplayName("an access token whose exp has passed is 401 token_expired; a fresh one still works")
    void expiredTokenIsRefused() {
        Account a = server.signup("Expiry");
        String expired = Jwts.sign(SECRET, Jwts.claims(a.userId(), "access", Duration.ofSeconds(-2)));
        String fresh = Jwts.sign(SECRET, Jwts.claims(a.userId(), "access", Duration.ofMinutes(1)));

        assertUnauthorized(server.get("/api/v1/auth/me", expired), "token_expired");
        assertStatus(server.get("/api/v1/auth/me", fresh), 200);
    }

    @Test
    @DisplayName("a token signed with another secret is 401 even when its claims are perfect")
    void otherSecretIsRefused() {
        Account a = server.signup("Other Secret");
        String forged = Jwts.sign("a-completely-different-secret-of-enough-length",
                Jwts.claims(a.userId(), "access", Duration.ofMinutes(1)));

        assertUnauthorized(server.get("/api/v1/auth/me", forged), "unauthorized");
    }
}
