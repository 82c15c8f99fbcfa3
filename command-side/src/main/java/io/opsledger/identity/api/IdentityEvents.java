package io.opsledger.identity.api;

import io.opsledger.common.EncryptedSecret;

import java.time.Instant;

/** What happened to users. Hashes only: tokens, keys and passwords never appear in plaintext. */
public final class IdentityEvents {
    private IdentityEvents() {}

    public record UserRegistered(String userId, long userNumber, String username, String email, String firstName,
                                 String lastName, String passwordHash, Role role, boolean active,
                                 String authSource) {}

    /** The profile after the change, whole. */
    public record UserProfileUpdated(String userId, String username, String previousUsername, String email,
                                     String firstName, String lastName, boolean active) {}

    /** {@code group}: the directory group that gave (or no longer gives) the role; null when set by hand. */
    public record UserRoleChanged(String userId, Role previousRole, Role role, String group) {}

    /**
     * The directory group the user's role followed from no longer gives it ({@code reason} says why);
     * the user is back to {@code role}, a directory user's own.
     */
    public record GroupRoleWithdrawn(String userId, String group, String reason, Role previousRole, Role role) {}

    /**
     * Every session, token and refresh token of the user ends with it (API keys stay), except
     * {@code keptSessionHash}: the one the user changed their own password through, if any.
     */
    public record UserPasswordChanged(String userId, String passwordHash, String keptSessionHash) {}

    public record UserDeleted(String userId, String username) {}

    public record SessionOpened(String userId, String sessionHash, SessionKind kind, Instant expiresAt) {}

    public record SessionClosed(String userId, String sessionHash) {}

    public record ApiKeyCreated(String userId, String keyId, String name, String keyHash, String keyPrefix,
                                Instant expiresAt) {}

    public record ApiKeyRevoked(String userId, String keyId) {}

    /** The token is encrypted so that the mailer can put it in the link; its hash is what a reset is checked against. */
    public record PasswordResetRequested(String userId, long userNumber, String email, String tokenHash,
                                         EncryptedSecret token, Instant expiresAt) {}
}
