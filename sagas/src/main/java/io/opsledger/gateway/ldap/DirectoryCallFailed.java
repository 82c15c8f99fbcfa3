package io.opsledger.gateway.ldap;

/**
 * The directory could not be used. The message names the cause in words an administrator can act on
 * ("LDAP server unreachable: ...", "LDAP service bind refused: ...", "LDAP search base not found: ...")
 * and never holds a password.
 */
public class DirectoryCallFailed extends RuntimeException {

    public enum Cause { UNREACHABLE, BIND_REFUSED, BAD_SETTINGS }

    private final Cause cause;

    public DirectoryCallFailed(Cause cause, String message, Throwable error) {
        super(message, error);
        this.cause = cause;
    }

    public Cause failure() { return cause; }
}
