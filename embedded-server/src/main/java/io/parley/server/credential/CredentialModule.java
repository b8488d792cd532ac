package io.parley.server.credential;

import io.parley.server.common.Clock;
import io.parley.server.config.ParleyConfig;
import io.parley.server.http.ApiRoutes;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Wires the credential feature by hand: the keyset ({@code PARLEY_KEYSET}, else
 * {@code <data>/secrets/credentials.keyset.json}), the store, the service and the routes.
 */
public final class CredentialModule {

    private final CredentialService service;
    private final CredentialRoutes routes;

    /** {@code serverAdmin}: who may rotate the server-wide key (the local owner in embedded mode). */
    public CredentialModule(ParleyConfig config, Database db, AccessPolicy policy, Predicate<Principal> serverAdmin,
                            Clock clock) {
        this(config, db, policy, serverAdmin, clock, Optional.ofNullable(System.getenv(CredentialCipher.ENV)));
    }

    /** With the keyset given instead of read from the environment (tests). */
    public CredentialModule(ParleyConfig config, Database db, AccessPolicy policy, Predicate<Principal> serverAdmin,
                            Clock clock, Optional<String> keyset) {
        CredentialCipher cipher = CredentialCipher.load(keyset, config.dataDir());
        this.service = new CredentialService(db, new CredentialStore(db), cipher, policy, serverAdmin, clock);
        this.routes = new CredentialRoutes(service);
    }

    public CredentialService service() {
        return service;
    }

    public void register(ApiRoutes api) {
        routes.register(api);
    }
}
