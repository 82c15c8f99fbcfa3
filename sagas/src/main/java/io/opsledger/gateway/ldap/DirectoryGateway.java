package io.opsledger.gateway.ldap;

import java.util.List;
import java.util.Optional;

/**
 * Port to an LDAP directory (OpenLDAP or Active Directory). Every call opens its own connection with
 * the connection's timeouts, binds as the service account and closes again; nothing is cached, so a
 * changed directory is seen on the next call.
 *
 * @throws DirectoryCallFailed from every method when the directory cannot be reached, times out, or
 *                             refuses the service bind or a search
 */
public interface DirectoryGateway {

    /** Binds as the service account and checks that the search bases exist: what saving settings proves. */
    DirectoryInfo test(DirectoryConnection connection);

    /**
     * Search-then-bind: finds the one entry whose username attribute (sAMAccountName, uid or
     * userPrincipalName) equals {@code username} with the service bind, then binds as that entry's DN
     * with {@code password}. The username only ever goes into a filter, escaped; no DN is built from it.
     */
    LoginOutcome authenticate(DirectoryConnection connection, String username, char[] password);

    /** One user by username, as {@link #users} would list it. */
    Optional<DirectoryUser> user(DirectoryConnection connection, String username);

    /** Every user under the user search base that matches the user filter. */
    List<DirectoryUser> users(DirectoryConnection connection);

    /**
     * Every group under the group search base that matches the group filter, with the usernames of
     * its members, nested groups' members included (the matching-rule-in-chain filter on Active
     * Directory, the member lists followed by hand elsewhere).
     */
    List<DirectoryGroup> groups(DirectoryConnection connection);

    /** What a login attempt found. */
    sealed interface LoginOutcome {
        record Authenticated(DirectoryUser user) implements LoginOutcome {}
        /** No entry, several entries, or a wrong password: the caller cannot tell which, nor can the client. */
        record Rejected() implements LoginOutcome {}
        /** The password was right (or not checked) but the account is disabled in the directory. */
        record Disabled(DirectoryUser user) implements LoginOutcome {}
    }
}
