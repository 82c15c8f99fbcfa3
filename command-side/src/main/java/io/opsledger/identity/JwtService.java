package io.opsledger.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs and checks the JWTs of DriftMgr, api_migration and migasfree. A token names its session
 * ("sid"); the session must still be open for the token to count, so logout ends it at once.
 */
public class JwtService {

    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    public static final Duration REFRESH_TTL = Duration.ofDays(7);

    public enum Type { ACCESS, REFRESH }

    public record Claims(String userId, String sessionId, Type type, Instant expiresAt) {}

    /** Why a presented JWT does not count. */
    public static class Rejected extends Exception {
        private final boolean expired;

        Rejected(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() { return expired; }
    }

    private final MACSigner signer;
    private final MACVerifier verifier;

    /** {@code key}: the HMAC key every node shares (at least 64 bytes for HS512). */
    public JwtService(byte[] key) throws JOSEException {
        this.signer = new MACSigner(key);
        this.verifier = new MACVerifier(key);
    }

    public String issue(String userId, String sessionId, Type type) {
        Instant now = Instant.now();
        Instant expires = now.plus(type == Type.ACCESS ? ACCESS_TTL : REFRESH_TTL);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId).claim("user_id", userId).claim("sid", sessionId)
                .claim("token_type", type.name().toLowerCase())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .issuer("opsledger").build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2 && token.startsWith("eyJ");
    }

    public Claims verify(String token) throws Rejected {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) {
                throw new Rejected("Token is invalid or expired", false);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.toInstant().isBefore(Instant.now())) {
                throw new Rejected("Token is invalid or expired", true);
            }
            String type = claims.getStringClaim("token_type");
            String sid = claims.getStringClaim("sid");
            if (type == null || sid == null || claims.getSubject() == null) {
                throw new Rejected("Token is invalid or expired", false);
            }
            return new Claims(claims.getSubject(), sid, Type.valueOf(type.toUpperCase()), exp.toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw new Rejected("Token is invalid or expired", false);
        }
    }
}
