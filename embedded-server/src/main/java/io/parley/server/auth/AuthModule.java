package io.parley.server.auth;

import io.parley.server.common.Clock;
import io.parley.server.config.ParleyConfig;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.TenancyStore;

import java.util.Optional;
import java.util.function.Predicate;

/** Wires the auth feature by hand: stores, token service, services, authenticator and routes. */
public final class AuthModule {

    private final AuthService authService;
    private final ApiKeyService apiKeyService;
    private final Authenticator authenticator;
    private final AuthRoutes routes;
    private final LocalOwner localOwner;

    public AuthModule(ParleyConfig config, Database db, TenancyStore tenancy, AccessPolicy policy, Clock clock) {
        this(config, db, tenancy, policy, clock, new PasswordHasher());
    }

    AuthModule(ParleyConfig config, Database db, TenancyStore tenancy, AccessPolicy policy, Clock clock,
               PasswordHasher hasher) {
        UserStore users = new UserStore(db);
        TokenService tokens = new TokenService(SigningKey.load(config.auth().jwtSecret(), config.dataDir()),
                config.auth().accessTtl(), config.auth().refreshTtl(), clock);
        this.authService = new AuthService(db, users, tenancy, policy, new RefreshTokenStore(db), tokens, hasher, clock);
        this.apiKeyService = new ApiKeyService(new ApiKeyStore(db), policy, clock);
        this.localOwner = config.embeddedMode()
                ? LocalOwner.ensure(db, users, authService, config.dataDir(), clock)
                : null;
        this.authenticator = new Authenticator(tokens, apiKeyService, users, localOwner);
        this.routes = new AuthRoutes(authService, apiKeyService);
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public AuthRoutes routes() {
        return routes;
    }

    public AuthService authService() {
        return authService;
    }

    public ApiKeyService apiKeys() {
        return apiKeyService;
    }

    /**
     * Who administers the server itself (server-wide maintenance such as rotating the credential
     * key): the local owner in embedded mode; nobody through the API in server mode.
     */
    public Predicate<Principal> serverAdmin() {
        return caller -> localOwner != null && !caller.isApiKey() && localOwner.userId().equals(caller.userId());
    }

    /** The local owner's token in embedded mode. */
    public Optional<String> localToken() {
        return Optional.ofNullable(localOwner).map(LocalOwner::token);
    }
}
