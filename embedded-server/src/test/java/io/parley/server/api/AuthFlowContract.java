package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.parley.server.config.ParleyConfig;
import io.parley.server.testing.TestServer;
import io.parley.server.testing.TestServer.Account;
import io.parley.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.server.api.ApiAssertions.assertError;
import static io.parley.server.api.ApiAssertions.assertStatus;
import static io.parley.server.api.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up, login, refresh and authentication of requests, through HTTP only. Runs once per database
 * (see the subclasses). The server signs tokens with {@link #SECRET}, so tests can craft their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthFlowContract {

    static final String SECRET = "auth-flow-test-signing-secret-0123456789abcdef";
    static final String PASSWORD = "correct horse battery";
    static final String SIGNUP = "/api/v1/auth/signup";
    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/refresh";
    static final String ME = "/api/v1/auth/me";

    TestServer server;

    /** Starts the server under test with these auth settings. */
    abstract TestServer startServer(Path dataDir, ParleyConfig.AuthSettings auth);

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = startServer(dataDir, new ParleyConfig.AuthSettings(Optional.of(SECRET), Duration.ofMinutes(15),
                Duration.ofDays(1)));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // --- sign-up ---------------------------------------------------------------------------

    @Test
    @DisplayName("sign-up answers 201 with a token pair and the user, never the password or its hash")
    void signupAnswersTokensAndUser() {
        String email = uniqueEmail("Signup.Person");
        Response r = server.post(SIGNUP, null, Map.of("email", email, "password", PASSWORD, "name", "Sign Up"));

        JsonNode body = assertStatus(r, 201);
        assertThat(body.path("access_token").asText()).isNotBlank();
        assertThat(body.path("refresh_token").asText()).isNotBlank().isNotEqualTo(body.path("access_token").asText());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(Duration.ofMinutes(15).toSeconds());
        JsonNode user = body.path("user");
        assertThat(fieldNames(user)).containsExactlyInAnyOrder("id", "email", "name", "is_local", "created_at");
        assertThat(user.path("email").asText()).isEqualTo(email);
        assertThat(user.path("name").asText()).isEqualTo("Sign Up");
        assertThat(user.path("is_local").asBoolean()).isFalse();
        assertThat(r.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("argon").doesNotContain("hash");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    @DisplayName("sign-up creates organization 'Personal' and workspace 'Default' owned by the new user")
    void signupCreatesPersonalTenancy() {
        Account a = server.signup("Tenancy Person");

        JsonNode orgs = assertStatus(server.get("/api/v1/orgs", a.accessToken()), 200).path("organizations");
        assertThat(orgs).hasSize(1);
        assertThat(orgs.get(0).path("name").asText()).isEqualTo("Personal");
        assertThat(orgs.get(0).path("role").asText()).isEqualTo("owner");
        String orgId = orgs.get(0).path("id").asText();

        JsonNode workspaces = assertStatus(server.get("/api/v1/orgs/" + orgId + "/workspaces", a.accessToken()), 200)
                .path("workspaces");
        assertThat(workspaces).hasSize(1);
        assertThat(workspaces.get(0).path("name").asText()).isEqualTo("Default");
        assertThat(workspaces.get(0).path("is_default").asBoolean()).isTrue();
        assertThat(workspaces.get(0).path("role").asText()).isEqualTo("owner");

        JsonNode members = assertStatus(server.get("/api/v1/orgs/" + orgId + "/members", a.accessToken()), 200)
                .path("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("user_id").asText()).isEqualTo(a.userId());
        assertThat(members.get(0).path("role").asText()).isEqualTo("owner");
    }

    @Test
    @DisplayName("auth/me names the user, their default workspace and their organizations")
    void meDescribesTheCaller() {
        Account a = server.signup("Me Person");

        JsonNode me = assertStatus(server.get(ME, a.accessToken()), 200);
        assertThat(me.path("user").path("id").asText()).isEqualTo(a.userId());
        assertThat(me.path("user").path("email").asText()).isEqualTo(a.email());
        assertThat(me.path("user").has("password_hash")).isFalse();
        assertThat(me.path("default_workspace").path("name").asText()).isEqualTo("Default");
        assertThat(me.path("default_workspace").path("organization_name").asText()).isEqualTo("Personal");
        assertThat(me.path("default_workspace").path("role").asText()).isEqualTo("owner");
        assertThat(me.path("organizations")).hasSize(1);
    }

    @Test
    @DisplayName("a second sign-up with the same email, in any capitalisation, is 409 email_taken")
    void duplicateEmailIsRefusedCaseInsensitively() {
        String email = uniqueEmail("Dup.Person");
        assertStatus(signup(email, "First"), 201);

        assertError(signup(email, "Again"), 409, "email_taken");
        assertError(signup(email.toUpperCase(), "Shouting"), 409, "email_taken");
        assertError(signup("  " + email.toLowerCase() + "  ", "Spaces"), 409, "email_taken");
    }

    @Test
    @DisplayName("sign-up refuses a missing name, a bad email and short or over-long passwords")
    void signupValidatesItsFields() {
        assertThat(assertError(server.post(SIGNUP, null, Map.of("email", uniqueEmail("x"), "password", PASSWORD)),
                400, "invalid_field").path("details").path("field").asText()).isEqualTo("name");
        assertThat(assertError(server.post(SIGNUP, null, Map.of("email", "not-an-email", "password", PASSWORD,
                "name", "X")), 400, "invalid_field").path("details").path("field").asText()).isEqualTo("email");
        assertThat(assertError(server.post(SIGNUP, null, Map.of("email", uniqueEmail("x"), "password", "short",
                "name", "X")), 400, "invalid_field").path("details").path("field").asText()).isEqualTo("password");
        assertThat(assertError(server.post(SIGNUP, null, Map.of("email", uniqueEmail("x"), "password",
                "p".repeat(129), "name", "X")), 400, "invalid_field").path("details").path("field").asText())
                .isEqualTo("password");
    }

    // --- login -----------------------------------------------------------------------------

    @Test
    @DisplayName("login with the right password answers a working token pair, whatever the email's capitals")
    void loginWithRightPassword() {
        Account a = server.signup("Login Person");

        Response r = server.post(LOGIN, null, Map.of("email", a.email().toUpperCase(), "password", PASSWORD));

        JsonNode body = assertStatus(r, 200);
        assertThat(body.path("user").path("id").asText()).isEqualTo(a.userId());
        assertThat(body.has("password_hash") || body.path("user").has("password_hash")).isFalse();
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertStatus(server.get(ME, body.path("access_token").asText()), 200);
    }

    @Test
    @DisplayName("wrong password and unknown email both answer 401 invalid_credentials with the same message")
    void loginFailuresLookTheSame() {
        Account a = server.signup("Wrong Password");

        JsonNode wrongPassword = assertError(server.post(LOGIN, null,
                Map.of("email", a.email(), "password", "not the password")), 401, "invalid_credentials");
        JsonNode unknownEmail = assertError(server.post(LOGIN, null,
                Map.of("email", uniqueEmail("nobody"), "password", PASSWORD)), 401, "invalid_credentials");

        assertThat(unknownEmail.path("message").asText()).isEqualTo(wrongPassword.path("message").asText());
        assertUnauthorized(server.post(LOGIN, null, Map.of("email", a.email(), "password", "x")),
                "invalid_credentials");
    }

    @Test
    @DisplayName("the passwordless local owner cannot be signed into with any password")
    void localOwnerHasNoPassword() {
        assertError(server.post(LOGIN, null, Map.of("email", "owner@localhost", "password", PASSWORD)), 401,
                "invalid_credentials");
        assertError(server.post(LOGIN, null, Map.of("email", "owner@localhost", "password", "")), 400,
                "invalid_request");
    }

    @ParameterizedTest(name = "login email {0}")
    @ValueSource(strings = {"nul\u0000byte@example.com", "tab\tin@example.com", "\u0001@example.com",
            "bell\u0007@example.com"})
    @DisplayName("login with control characters in the email is refused cleanly, never a 500")
    void loginWithControlCharactersIsNotAServerError(String email) {
        Response r = server.post(LOGIN, null, Map.of("email", email, "password", PASSWORD));

        assertThat(r.status()).as("status for %s: %s", email.replace("\u0000", "\\0"), r.body()).isIn(400, 401);
        ApiAssertions.assertErrorEnvelope(r);
    }

    // --- refresh ---------------------------------------------------------------------------

    @Test
    @DisplayName("refresh rotates: the new pair works; replaying the old refresh token is 401 and revokes the new one")
    void refreshRotatesAndDetectsReplay() {
        Account a = server.signup("Refresh Person");

        JsonNode second = assertStatus(server.post(REFRESH, null, Map.of("refresh_token", a.refreshToken())), 200);
        String access2 = second.path("access_token").asText();
        String refresh2 = second.path("refresh_token").asText();
        assertThat(refresh2).isNotEqualTo(a.refreshToken());
        assertThat(access2).isNotEqualTo(a.accessToken());
        assertThat(second.path("user").path("id").asText()).isEqualTo(a.userId());
        assertStatus(server.get(ME, access2), 200);

        assertUnauthorized(server.post(REFRESH, null, Map.of("refresh_token", a.refreshToken())), "token_revoked");
        assertUnauthorized(server.post(REFRESH, null, Map.of("refresh_token", refresh2)), "token_revoked");
    }

    @Test
    @DisplayName("each refresh token of a chain works exactly once")
    void refreshChainWorksOnce() {
        Account a = server.signup("Chain Person");
        String refresh = a.refreshToken();
        for (int i = 0; i < 3; i++) {
            refresh = assertStatus(server.post(REFRESH, null, Map.of("refresh_token", refresh)), 200)
                    .path("refresh_token").asText();
        }
        JsonNode last = assertStatus(server.post(REFRESH, null, Map.of("refresh_token", refresh)), 200);
        assertStatus(server.get(ME, last.path("access_token").asText()), 200);
    }

    @Test
    @DisplayName("an access token is no refresh token, and a refresh token is no access token")
    void tokensOnlyServeTheirOwnUse() {
        Account a = server.signup("Mixed Tokens");

        assertUnauthorized(server.post(REFRESH, null, Map.of("refresh_token", a.accessToken())), "unauthorized");
        assertUnauthorized(server.get(ME, a.refreshToken()), "unauthorized");
        // the refresh token was not consumed by being shown as an access token
        assertStatus(server.post(REFRESH, null, Map.of("refresh_token", a.refreshToken())), 200);
    }

    @Test
    @DisplayName("refresh without a token, or with garbage, is refused")
    void refreshNeedsAToken() {
        assertError(server.post(REFRESH, null, Map.of()), 400, "invalid_field");
        assertError(server.post(REFRESH, null, Map.of("refresh_token", "  ")), 400, "invalid_field");
        assertUnauthorized(server.post(REFRESH, null, Map.of("refresh_token", "garbage")), "unauthorized");
    }

    // --- crafted tokens --------------------------------------------------------------------

    @Test
    @DisplayName("a hand-signed token with the server's secret works (so the crafted-token tests below are meaningful)")
    void craftedValidTokenWorks() {
        Account a = server.signup("Crafted Valid");
        String token = Jwts.sign(SECRET, Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)));

        assertThat(assertStatus(server.get(ME, token), 200).path("user").path("id").asText()).isEqualTo(a.userId());
    }

    @Test
    @DisplayName("an expired access token is 401 token_expired")
    void expiredAccessToken() {
        Account a = server.signup("Expired Access");
        String expired = Jwts.sign(SECRET, Jwts.claims(a.userId(), "access", Duration.ofSeconds(-30)));

        assertUnauthorized(server.get(ME, expired), "token_expired");
    }

    @Test
    @DisplayName("an expired refresh token is 401 token_expired")
    void expiredRefreshToken() {
        Account a = server.signup("Expired Refresh");
        String expired = Jwts.sign(SECRET, Jwts.claims(a.userId(), "refresh", Duration.ofSeconds(-30)));

        assertUnauthorized(server.post(REFRESH, null, Map.of("refresh_token", expired)), "token_expired");
    }

    @Test
    @DisplayName("tokens signed with another secret, another algorithm, or not at all are 401")
    void forgedTokensAreRefused() {
        Account a = server.signup("Forged Tokens");
        String otherSecret = "another-secret-that-is-also-long-enough-987654321";

        assertUnauthorized(server.get(ME,
                Jwts.sign(otherSecret, Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)))), "unauthorized");
        assertUnauthorized(server.get(ME, Jwts.sign(SECRET + SECRET, JWSAlgorithm.HS512,
                Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)))), "unauthorized");
        assertUnauthorized(server.get(ME, Jwts.unsigned(Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)))),
                "unauthorized");
        assertUnauthorized(server.post(REFRESH, null, Map.of("refresh_token",
                Jwts.sign(otherSecret, Jwts.claims(a.userId(), "refresh", Duration.ofMinutes(5))))), "unauthorized");
    }

    @Test
    @DisplayName("correctly signed tokens with a wrong issuer, no token_use, no expiry or an unknown user are 401")
    void tokensWithBadClaimsAreRefused() {
        Account a = server.signup("Bad Claims");

        assertUnauthorized(server.get(ME, Jwts.sign(SECRET,
                Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)).issuer("someone-else"))), "unauthorized");
        assertUnauthorized(server.get(ME, Jwts.sign(SECRET,
                Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)).claim("token_use", null))), "unauthorized");
        assertUnauthorized(server.get(ME, Jwts.sign(SECRET,
                Jwts.claims(a.userId(), "access", Duration.ofMinutes(5)).expirationTime(null))), "unauthorized");
        assertUnauthorized(server.get(ME, Jwts.sign(SECRET,
                Jwts.claims(UUID.randomUUID().toString(), "access", Duration.ofMinutes(5)))), "unauthorized");
    }

    // --- the Authorization header ----------------------------------------------------------

    @Test
    @DisplayName("no credentials at all is 401 with the envelope and WWW-Authenticate")
    void missingAuthorization() {
        assertUnauthorized(server.get(ME, null), "unauthorized");
        assertUnauthorized(server.get("/api/v1/orgs", null), "unauthorized");
    }

    @Test
    @DisplayName("Authorization: Basic is 401 with the envelope and WWW-Authenticate")
    void basicAuthIsRefused() {
        Account a = server.signup("Basic Person");
        String basic = java.util.Base64.getEncoder().encodeToString((a.email() + ":" + PASSWORD).getBytes());

        assertUnauthorized(server.send("GET", ME, null, null, "Authorization", "Basic " + basic), "unauthorized");
    }

    @ParameterizedTest(name = "Authorization: [{0}]")
    @ValueSource(strings = {"Bearer", "Bearer    ", "Token abc", "Bearer abc", "Bearer a.b.c",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0", "Bearer eyJhbGciOiJIUzI1NiJ9.!!!.???",
            "Bearer pk_", "Bearer pk_abc", "Bearer pk_abc_def", "Bearer pk__", "Bearer plt_", "Bearer plt_not-the-token",
            "Bearer ....", "Bearer " + "x"})
    @DisplayName("malformed or made-up credentials are 401")
    void malformedTokens(String authorization) {
        assertUnauthorized(server.send("GET", ME, null, null, "Authorization", authorization), "unauthorized");
    }

    @Test
    @DisplayName("the Bearer scheme name is case-insensitive")
    void bearerSchemeIsCaseInsensitive() {
        Account a = server.signup("Lower Bearer");

        assertStatus(server.send("GET", ME, null, null, "Authorization", "bearer " + a.accessToken()), 200);
    }

    @Test
    @DisplayName("the local token works in embedded mode only; a wrong one is 401")
    void localToken() {
        Optional<String> local = server.server().localToken();
        if (local.isPresent()) {
            JsonNode me = assertStatus(server.get(ME, local.get()), 200);
            assertThat(me.path("user").path("is_local").asBoolean()).isTrue();
            assertThat(me.path("default_workspace").path("name").asText()).isEqualTo("Default");
        } else {
            assertThat(server.server().config().embeddedMode()).isFalse();
        }
        assertUnauthorized(server.get(ME, "plt_" + "A".repeat(43)), "unauthorized");
    }

    @Test
    @DisplayName("/health/ready reports the database this server really uses")
    void readinessNamesTheDatabase() {
        JsonNode ready = assertStatus(server.get("/health/ready", null), 200);
        String expected = server.server().config().embeddedMode() ? "h2" : "postgresql";
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("checks").get(0).path("type").asText()).isEqualTo(expected);
    }

    // --- helpers ---------------------------------------------------------------------------

    Response signup(String email, String name) {
        return server.post(SIGNUP, null, Map.of("email", email, "password", PASSWORD, "name", name));
    }

    static String uniqueEmail(String local) {
        return local + "+" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
