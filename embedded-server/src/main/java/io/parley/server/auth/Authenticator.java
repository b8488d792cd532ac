package io.parley.server.auth;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.parley.server.common.ParleyException;
import io.parley.server.tenancy.Principal;

import java.util.Optional;

/**
 * Turns the credentials of a request into a {@link Principal}: {@code Authorization: Bearer …}
 * with an access token, an API key ({@code pk_…}) or the local token ({@code plt_…}); or an
 * {@code X-API-Key} header. Anything missing, malformed, expired or revoked is a 401.
 */
public final class Authenticator {

    static final HeaderName API_KEY_HEADER = HeaderNames.create("X-API-Key");

    private final TokenService tokens;
    private final ApiKeyService apiKeys;
    private final UserStore users;
    private final LocalOwner localOwner; // null in server mode

    Authenticator(TokenService tokens, ApiKeyService apiKeys, UserStore users, LocalOwner localOwner) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.users = users;
        this.localOwner = localOwner;
    }

    public Principal authenticate(ServerRequestHeaders headers) {
        Optional<String> apiKey = headers.first(API_KEY_HEADER).map(String::strip).filter(s -> !s.isEmpty());
        if (apiKey.isPresent()) {
            return apiKeys.authenticate(apiKey.get());
        }
        String authorization = headers.first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> ParleyException.unauthorized(
                        "Sign in first: send 'Authorization: Bearer <access token or API key>'"));
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            throw ParleyException.unauthorized("The Authorization header must be 'Bearer <token>'");
        }
        return authenticateBearer(parts[1].strip());
    }

    private Principal authenticateBearer(String credential) {
        if (credential.startsWith(ApiKeyService.KEY_START)) {
            return apiKeys.authenticate(credential);
        }
        if (credential.startsWith(LocalOwner.TOKEN_START)) {
            if (localOwner != null && localOwner.accepts(credential)) {
                return Principal.user(localOwner.userId());
            }
            throw ParleyException.unauthorized("The local token is not valid (it changes every time Parley starts)");
        }
        TokenService.Claims claims = tokens.verify(credential, TokenService.Use.ACCESS);
        if (users.byId(claims.userId()).isEmpty()) {
            throw ParleyException.unauthorized("The account no longer exists");
        }
        return Principal.user(claims.userId());
    }
}
