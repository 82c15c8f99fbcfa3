package io.opsledger.gateway;

/**
 * An outside platform could not be reached, timed out or refused the call; the message names the
 * cause in words a user can act on (never a secret).
 */
public class PlatformCallFailed extends RuntimeException {

    public PlatformCallFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public PlatformCallFailed(String message) {
        super(message);
    }
}
