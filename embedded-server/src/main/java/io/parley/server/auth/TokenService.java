package io.parley.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signs and checks the JWTs of the API: short-lived access tokens and longer refresh tokens (HS256). */
public final class TokenService {

    static final String ISSUER = "parley";
    private static final String TYPE_CLAIM = "token_use";

    public enum Use { ACCESS, REFRESH }

    /** A verified token's content. */
    public record Claims(String userId, String tokenId, Use use, Instant expiresAt) {
    }

    /** A freshly signed token. */
    public record Signed(String token, String tokenId, Instant expiresAt) {
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    TokenService(byte[] key, Duration accessTtl, Duration refreshTtl, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token signing key must be at least 32 bytes", e);
        }
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    public Duration accessTtl() {
        return accessTtl;
    }

    Signed issue(String userId, Use use) {
        Instant now = clock.now();
        Instant expires = now.plus(use == Use.ACCESS ? accessTtl : refreshTtl);
        String id = Ids.newId();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .jwtID(id)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim(TYPE_CLAIM, use.name().toLowerCase(java.util.Locale.ROOT))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("token signing failed", e);
        }
        return new Signed(jwt.serialize(), id, expires);
    }

    /** Checks signature, algorithm, issuer, expiry and use; 401 with a plain reason otherwise. */
    Claims verify(String token, Use expected) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw ParleyException.unauthorized("The token is malformed");
        }
        try {
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw ParleyException.unauthorized("The token signature is not valid");
            }
        } catch (JOSEException e) {
            throw ParleyException.unauthorized("The token signature is not valid");
        }
        Object use = claims.getClaim(TYPE_CLAIM);
        if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getJWTID() == null
                || claims.getExpirationTime() == null
                || !expected.name().toLowerCase(java.util.Locale.ROOT).equals(use)) {
            throw ParleyException.unauthorized(expected == Use.ACCESS
                    ? "This is not an access token" : "This is not a refresh token");
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (!clock.now().isBefore(expiresAt)) {
            throw new ParleyException(ParleyException.Kind.UNAUTHORIZED, "token_expired",
                    "The token has expired; sign in again or use your refresh token", null);
        }
        return new Claims(claims.getSubject(), claims.getJWTID(), expected, expiresAt);
    }
}
