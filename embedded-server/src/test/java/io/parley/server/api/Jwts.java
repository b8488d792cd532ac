package io.parley.server.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/** Hand-made JWTs, shaped like the ones TokenService issues (iss "parley", sub, jti, token_use). */
final class Jwts {

    private Jwts() {
    }

    /** Claims of a token for {@code userId} of the given use, expiring {@code expiresIn} from now (negative = past). */
    static JWTClaimsSet.Builder claims(String userId, String use, Duration expiresIn) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("parley")
                .subject(userId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(now.plus(expiresIn)))
                .claim("token_use", use);
    }

    static String sign(String secret, JWTClaimsSet.Builder claims) {
        return sign(secret, JWSAlgorithm.HS256, claims);
    }

    static String sign(String secret, JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token ({@code "alg": "none"}) with the given claims and an empty signature. */
    static String unsigned(JWTClaimsSet.Builder claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    static JWTClaimsSet read(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWT: " + token, e);
        }
    }
}
