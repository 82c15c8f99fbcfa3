package io.opsledger.identity;

import io.opsledger.identity.api.IdentityQueries.*;
import io.opsledger.common.Queries;
import io.opsledger.identity.Principal.Credential;

import java.time.Instant;

/**
 * Resolves any credential OpsLedger issues to a user: a DRF token or JWT in Authorization
 * ("Token" or "Bearer"), an API key, or a session cookie. Every lookup reads the shared credential
 * projection, so a revocation on one node counts on all of them at once.
 */
public class Authenticator {

    private final Queries queries;
    private final JwtService jwt;

    public Authenticator(Queries queries, JwtService jwt) {
        this.queries = queries;
        this.jwt = jwt;
    }

    /** The principal, or null when the secret proves nothing. */
    public Principal bearer(String secret) {
        if (JwtService.looksLikeJwt(secret)) {
            try {
                JwtService.Claims claims = jwt.verify(secret);
                if (claims.type() != JwtService.Type.ACCESS) {
                    return null;
                }
                return session(Secrets.sha256(claims.sessionId()), Credential.JWT, claims.userId());
            } catch (JwtService.Rejected rejected) {
                return null;
            }
        }
        return session(Secrets.sha256(secret), Credential.TOKEN, null);
    }

    /** Whether the secret is one of our JWTs, genuine but past its expiry (DriftMgr's TOKEN_EXPIRED). */
    public boolean isExpiredJwt(String secret) {
        if (!JwtService.looksLikeJwt(secret)) {
            return false;
        }
        try {
            jwt.verify(secret);
            return false;
        } catch (JwtService.Rejected rejected) {
            return rejected.expired();
        }
    }

    public Principal sessionCookie(String secret) {
        return session(Secrets.sha256(secret), Credential.WEB_SESSION, null);
    }

    public Principal apiKey(String key) {
        String hash = Secrets.sha256(key);
        ApiKeyView found = queries.one(new FindApiKeyByHash(hash), ApiKeyView.class);
        if (found == null || found.revoked() || found.expiresAt() != null && found.expiresAt().isBefore(Instant.now())) {
            return null;
        }
        return active(found.userId(), Credential.API_KEY, hash);
    }

    /** An open session for a refresh token, or null. */
    public Principal refresh(String refreshToken) throws JwtService.Rejected {
        JwtService.Claims claims = jwt.verify(refreshToken);
        if (claims.type() != JwtService.Type.REFRESH) {
            throw new JwtService.Rejected("Token has wrong type", false);
        }
        return session(Secrets.sha256(claims.sessionId()), Credential.JWT, claims.userId());
    }

    /**
     * Whether a principal resolved earlier still holds: its session or API key is neither gone,
     * revoked nor expired, and its user is still active (long-lived connections check this).
     */
    public boolean stillValid(Principal who) {
        if (who.credential() == Credential.API_KEY) {
            ApiKeyView key = queries.one(new FindApiKeyByHash(who.sessionHash()), ApiKeyView.class);
            if (key == null || key.revoked() || key.expiresAt() != null && key.expiresAt().isBefore(Instant.now())) {
                return false;
            }
        } else {
            SessionView session = queries.one(new FindSession(who.sessionHash()), SessionView.class);
            if (session == null || session.expiresAt() != null && session.expiresAt().isBefore(Instant.now())) {
                return false;
            }
        }
        UserView user = queries.one(new FindUserById(who.userId()), UserView.class);
        return user != null && user.active();
    }

    private Principal session(String hash, Credential credential, String expectedUser) {
        SessionView session = queries.one(new FindSession(hash), SessionView.class);
        if (session == null || session.expiresAt() != null && session.expiresAt().isBefore(Instant.now())) {
            return null;
        }
        if (expectedUser != null && !expectedUser.equals(session.userId())) {
            return null;
        }
        // an opaque token must not be replayed as a cookie, nor a cookie as a token
        boolean kindMatches = switch (credential) {
            case WEB_SESSION -> session.kind() == io.opsledger.identity.api.SessionKind.WEB_SESSION;
            case TOKEN -> session.kind() == io.opsledger.identity.api.SessionKind.TOKEN;
            case JWT -> session.kind() == io.opsledger.identity.api.SessionKind.JWT;
            case API_KEY -> false;
        };
        return kindMatches ? active(session.userId(), credential, hash) : null;
    }

    private Principal active(String userId, Credential credential, String hash) {
        UserView user = queries.one(new FindUserById(userId), UserView.class);
        return user == null || !user.active() ? null : new Principal(user, credential, hash);
    }
}
