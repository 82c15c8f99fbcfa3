package io.opsledger.identity.api;

import java.time.Instant;
import java.util.Collection;

/**
 * Questions about users and their credentials, and the views that answer them: published with the
 * commands and events, so processes can ask without depending on the read side.
 */
public final class IdentityQueries {
    private IdentityQueries() {}

    public record FindUserById(String userId) {}
    public record FindUserByUsername(String username) {}
    public record FindUserByNumber(long userNumber) {}
    public record FindUsersByEmail(String email) {}
    public record ListUsers() {}
    public record CountUsersWithRoles(Collection<Role> roles) {}

    /** {@code roleGroup}: the directory group the role follows from, null when set by hand. */
    public record UserView(String userId, long userNumber, String username, String email, String firstName,
                           String lastName, String passwordHash, Role role, boolean active, String authSource,
                           Instant dateJoined, Instant lastLogin, Instant updatedAt, String roleGroup) {

        public boolean directory() { return DirectoryMessages.AUTH_SOURCE.equals(authSource); }
    }

    /** A session or token, found by the hash of the secret the client holds. */
    public record FindSession(String sessionHash) {}
    public record SessionView(String sessionHash, String userId, SessionKind kind, Instant expiresAt) {}

    public record FindApiKeyByHash(String keyHash) {}
    public record ListApiKeys(String userId) {}
    public record ApiKeyView(String keyId, String userId, String name, String keyPrefix, Instant createdAt,
                             Instant expiresAt, boolean revoked) {}

    public record GetSiteSettings() {}
    public record SiteSettingsView(SiteSettingsValues values, Instant updatedAt) {}
}
