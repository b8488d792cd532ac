package io.parley.server.auth;

import io.parley.server.common.Clock;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.TenancyStore;
import io.parley.server.tenancy.WorkspaceView;

import java.time.Instant;

/** Sign-up, login, token refresh and "who am I". */
public final class AuthService {

    private final UserStore users;
    private final TenancyStore tenancy;
    private final AccessPolicy policy;
    private final RefreshTokenStore refreshTokens;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Accounts accounts;

    AuthService(Database db, UserStore users, TenancyStore tenancy, AccessPolicy policy,
                RefreshTokenStore refreshTokens, TokenService tokens, PasswordHasher hasher, Clock clock) {
        this.accounts = new Accounts(db, users, tenancy, hasher, clock);
        this.users = users;
        this.tenancy = tenancy;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A new account with its own "Personal" organization and "Default" workspace, signed in. */
    public TokenResponse signup(String email, String password, String name) {
        return issueTokens(accounts.create(email, password, name));
    }

    public TokenResponse login(String email, String password) {
        if (email == null || password == null || email.isBlank() || password.isEmpty()) {
            throw ParleyException.invalidInput("'email' and 'password' are required");
        }
        String normalized = Text.normalizeEmail(email);
        // Text no account can have (control characters, absurd length) is simply an unknown email.
        boolean plausible = normalized.length() <= 320 && normalized.chars().noneMatch(Character::isISOControl);
        User user = plausible ? users.byEmail(normalized).orElse(null) : null;
        boolean ok = hasher.matches(password.length() > PasswordHasher.MAX_LENGTH ? "" : password,
                user == null ? null : user.passwordHash());
        if (!ok || user == null) {
            throw new ParleyException(ParleyException.Kind.UNAUTHORIZED, "invalid_credentials",
                    "The email or password is not correct", null);
        }
        return issueTokens(user);
    }

    /** Trades a refresh token for a new pair. Each refresh token works once; a replay signs the user out. */
    public TokenResponse refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ParleyException.invalidField("refresh_token", "'refresh_token' is required");
        }
        TokenService.Claims claims = tokens.verify(refreshToken.strip(), TokenService.Use.REFRESH);
        Instant now = clock.now();
        if (!refreshTokens.consume(claims.tokenId(), claims.userId(), now)) {
            refreshTokens.revokeAll(claims.userId(), now);
            throw new ParleyException(ParleyException.Kind.UNAUTHORIZED, "token_revoked",
                    "This refresh token was already used or revoked; sign in again", null);
        }
        User user = users.byId(claims.userId())
                .orElseThrow(() -> ParleyException.unauthorized("The account no longer exists"));
        return issueTokens(user);
    }

    Accounts accounts() {
        return accounts;
    }

    public MeResponse me(Principal caller) {
        String userId = policy.requireUser(caller);
        User user = users.byId(userId).orElseThrow(() -> ParleyException.unauthorized("The account no longer exists"));
        // A user who left or deleted every organization still has a profile, with no default workspace.
        WorkspaceView workspace = tenancy.defaultWorkspaceOf(userId).flatMap(id -> tenancy.workspace(id)
                .map(w -> w.withRole(policy.workspace(caller, id, Role.VIEWER).role()))).orElse(null);
        return new MeResponse(user, workspace, tenancy.organizationsOf(userId));
    }

    private TokenResponse issueTokens(User user) {
        TokenService.Signed access = tokens.issue(user.id(), TokenService.Use.ACCESS);
        TokenService.Signed refresh = tokens.issue(user.id(), TokenService.Use.REFRESH);
        refreshTokens.insert(refresh.tokenId(), user.id(), refresh.expiresAt(), clock.now());
        return new TokenResponse(user, access.token(), refresh.token(), "Bearer", tokens.accessTtl().toSeconds());
    }
}
