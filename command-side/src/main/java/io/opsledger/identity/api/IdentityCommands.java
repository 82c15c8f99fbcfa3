package io.opsledger.identity.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * What may be asked of a user. Passwords arrive already hashed: no command carries a plaintext
 * password. Profile fields left null stay as they are.
 */
public final class IdentityCommands {
    private IdentityCommands() {}

    public record RegisterUser(@TargetAggregateIdentifier String userId, long userNumber, String username,
                               String email, String firstName, String lastName, String passwordHash,
                               Role role, boolean active, String authSource) {}

    public record UpdateUserProfile(@TargetAggregateIdentifier String userId, String username, String email,
                                    String firstName, String lastName, Boolean active) {}

    public record ChangeUserRole(@TargetAggregateIdentifier String userId, Role role) {}

    public record ChangeUserPassword(@TargetAggregateIdentifier String userId, String passwordHash) {}

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
