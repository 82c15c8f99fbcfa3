package io.opsledger.identity;

/**
 * A presented token proves nothing; {@code expired} when it is genuine but out of date (DriftMgr
 * answers TOKEN_EXPIRED for that, and AUTHENTICATION_REQUIRED for anything else).
 */
public class InvalidToken extends RuntimeException {

    private final boolean expired;

    public InvalidToken(boolean expired) {
        super(expired ? "Token has expired." : "Invalid token.");
        this.expired = expired;
    }

    public boolean expired() { return expired; }
}
