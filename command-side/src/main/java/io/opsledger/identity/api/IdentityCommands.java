package io.opsledger.identity.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * What may be asked of a user. Passwords arrive already hashed: no command carries a plaintext
 * password. Profile fields left null stay as they are. {@code requestedBy} is the user id of who
 * asks, null for the system itself (start-up bootstrap, tests).
 */
public final class IdentityCommands {
    private IdentityCommands() {}

    /**
     * The aggregate id of the one first admin (the superadmin). A user with the superadmin role can
     * only be registered under this id, so the event store, which holds one stream per id, lets it
     * happen once, ever, whatever the projections say and however many nodes ask at once.
     */
    public static final String FIRST_ADMIN_ID = java.util.UUID.nameUUIDFromBytes(
            "opsledger:first-admin".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();

    public record RegisterUser(@TargetAggregateIdentifier String userId, long userNumber, String username,
                               String email, String firstName, String lastName, String passwordHash,
                               Role role, boolean active, String authSource) {}

    public record UpdateUserProfile(@TargetAggregateIdentifier String userId, String username, String email,
                                    String firstName, String lastName, Boolean active, String requestedBy) {}

    /** {@code group}: the directory group the role follows from, null when set by hand. */
    public record ChangeUserRole(@TargetAggregateIdentifier String userId, Role role, String group) {
        public ChangeUserRole(String userId, Role role) { this(userId, role, null); }
    }

    /** A directory group no longer gives the user its role (they left it, it lost its role, or it is gone). */
    public record WithdrawGroupRole(@TargetAggregateIdentifier String userId, String group, String reason) {}

    /** {@code keepSessionHash}: the session the change was made through, which stays open (null: none stays). */
    public record ChangeUserPassword(@TargetAggregateIdentifier String userId, String passwordHash, String requestedBy,
                                     String keepSessionHash) {}

    public record DeleteUser(@TargetAggregateIdentifier String userId, String requestedBy) {}

    public record OpenSession(@TargetAggregateIdentifier String userId, String sessionHash, SessionKind kind,
                              Instant expiresAt) {}

    public record CloseSession(@TargetAggregateIdentifier String userId, String sessionHash) {}

    public record CreateApiKey(@TargetAggregateIdentifier String userId, String keyId, String name,
                               String keyHash, String keyPrefix, Instant expiresAt) {}

    public record RevokeApiKey(@TargetAggregateIdentifier String userId, String keyId) {}

    public record RequestPasswordReset(@TargetAggregateIdentifier String userId, String tokenHash,
                                       EncryptedSecret token, Instant expiresAt) {}

    public record ResetPassword(@TargetAggregateIdentifier String userId, String tokenHash, String passwordHash,
                                Instant now) {}
}
