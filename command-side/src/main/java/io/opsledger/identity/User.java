package io.opsledger.identity;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.AggregateSnapshots;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.opsledger.common.RuleViolation;
import io.opsledger.identity.api.DirectoryMessages;
import io.opsledger.identity.api.IdentityCommands;
import io.opsledger.identity.api.IdentityCommands.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A person (or script) who may use OpsLedger through any of the five contracts. Logins, logouts
 * and API keys are recorded here so that compliance staff can read who did what, and when.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER, cache = AggregateCache.NAME)
// a snapshot is written by Axon's general serializer, which sees an object through its getters: without
// this a User snapshot held no field, and a user with 100 events could no longer be loaded
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
// revision 2: the snapshots written before (empty) are passed over, the user is loaded from its events
@Revision("2")
public class User {

    @AggregateIdentifier
    private String userId;
    private long userNumber;
    private String username;
    private String email;
    private String firstName;
    private String lastName;
    private Role role;
    /** The directory group the role follows from, null when it was set by hand. */
    private String roleGroup;
    private boolean active;
    /** A directory user: the directory checks their password, there is none here to change or reset. */
    private boolean directory;
    private Set<String> apiKeyIds = new HashSet<>();
    private String pendingResetHash;
    private Instant pendingResetExpiresAt;

    protected User() {}

    @CommandHandler
    public User(RegisterUser command) {
        requireUsername(command.username());
        requireText("password", command.passwordHash());
        Objects.requireNonNull(command.role(), "role");
        if (command.role() == Role.SUPERADMIN && !IdentityCommands.FIRST_ADMIN_ID.equals(command.userId())) {
            throw RuleViolation.invalid("role", "There is only one superadmin.");
        }
        apply(new UserRegistered(command.userId(), command.userNumber(), command.username(), blank(command.email()),
                blank(command.firstName()), blank(command.lastName()), command.passwordHash(), command.role(),
                command.active(), command.authSource() == null ? "local" : command.authSource()));
    }

    @CommandHandler
    public void handle(UpdateUserProfile command) {
        boolean newActive = command.active() == null ? active : command.active();
        if (role == Role.SUPERADMIN && !newActive) {
            throw RuleViolation.forbidden("The superadmin cannot be deactivated.");
        }
        String newUsername = command.username() == null ? username : command.username();
        String newEmail = command.email() == null ? email : command.email();
        if (!newUsername.equals(username)) {
            requireUsername(newUsername);
        }
        if (!newUsername.equals(username) || !Objects.equals(newEmail, email)) {
            requireSelfForSuperadmin(command.requestedBy(), "username and email");
        }
        apply(new UserProfileUpdated(userId, newUsername, username, newEmail,
                command.firstName() == null ? firstName : command.firstName(),
                command.lastName() == null ? lastName : command.lastName(), newActive));
    }

    @CommandHandler
    public void handle(ChangeUserRole command) {
        if (command.role() == role && java.util.Objects.equals(command.group(), roleGroup)) {
            return;
        }
        if (role == Role.SUPERADMIN) {
            throw RuleViolation.forbidden("The superadmin cannot be demoted.");
        }
        if (command.role() == Role.SUPERADMIN) {
            throw RuleViolation.invalid("role", "There is only one superadmin.");
        }
        apply(new UserRoleChanged(userId, role, command.role(), command.group()));
    }

    @CommandHandler
    public void handle(WithdrawGroupRole command) {
        if (command.group().equals(roleGroup)) {
            apply(new GroupRoleWithdrawn(userId, roleGroup, command.reason(), role, Role.STANDARD));
        }
    }

    @CommandHandler
    public void handle(ChangeUserPassword command) {
        requireLocalPassword();
        requireText("password", command.passwordHash());
        requireSelfForSuperadmin(command.requestedBy(), "password");
        // only the user's own session may stay: an admin setting it ends them all
        String keep = userId.equals(command.requestedBy()) ? command.keepSessionHash() : null;
        apply(new UserPasswordChanged(userId, command.passwordHash(), keep));
    }

    @CommandHandler
    public void handle(DeleteUser command) {
        if (role == Role.SUPERADMIN) {
            throw RuleViolation.forbidden("The superadmin cannot be deleted.");
        }
        if (userId.equals(command.requestedBy())) {
            throw RuleViolation.forbidden("You cannot delete your own account.");
        }
        apply(new UserDeleted(userId, username));
    }

    @CommandHandler
    public void handle(OpenSession command) {
        if (!active) {
            throw RuleViolation.forbidden("User account is disabled.");
        }
        apply(new SessionOpened(userId, command.sessionHash(), command.kind(), command.expiresAt()));
    }

    @CommandHandler
    public void handle(CloseSession command) {
        apply(new SessionClosed(userId, command.sessionHash()));
    }

    @CommandHandler
    public void handle(CreateApiKey command) {
        if (!active) {
            throw RuleViolation.forbidden("User account is disabled.");
        }
        requireText("name", command.name());
        apply(new ApiKeyCreated(userId, command.keyId(), command.name(), command.keyHash(), command.keyPrefix(),
                command.expiresAt()));
    }

    @CommandHandler
    public void handle(RevokeApiKey command) {
        if (!apiKeyIds.contains(command.keyId())) {
            throw RuleViolation.notFound("API key not found");
        }
        apply(new ApiKeyRevoked(userId, command.keyId()));
    }

    @CommandHandler
    public void handle(RequestPasswordReset command) {
        if (!active || email.isEmpty() || directory) {
            return; // nothing to send; the caller answers the same either way
        }
        apply(new PasswordResetRequested(userId, userNumber, email, command.tokenHash(), command.token(),
                command.expiresAt()));
    }

    @CommandHandler
    public void handle(ResetPassword command) {
        boolean valid = pendingResetHash != null && pendingResetHash.equals(command.tokenHash())
                && command.now().isBefore(pendingResetExpiresAt);
        if (!valid) {
            throw RuleViolation.invalid("token", "Invalid or expired token.");
        }
        apply(new UserPasswordChanged(userId, command.passwordHash(), null));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        userNumber = event.userNumber();
        username = event.username();
        email = event.email();
        firstName = event.firstName();
        lastName = event.lastName();
        role = event.role();
        active = event.active();
        directory = DirectoryMessages.AUTH_SOURCE.equals(event.authSource());
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        username = event.username();
        email = event.email();
        firstName = event.firstName();
        lastName = event.lastName();
        active = event.active();
    }

    @EventSourcingHandler
    void on(UserRoleChanged event) {
        role = event.role();
        roleGroup = event.group();
    }

    @EventSourcingHandler
    void on(GroupRoleWithdrawn event) {
        role = event.role();
        roleGroup = null;
    }

    @EventSourcingHandler
    void on(UserPasswordChanged event) {
        // a changed password makes every outstanding reset link useless
        pendingResetHash = null;
        pendingResetExpiresAt = null;
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) { apiKeyIds.add(event.keyId()); }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) { apiKeyIds.remove(event.keyId()); }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        pendingResetHash = event.tokenHash();
        pendingResetExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(UserDeleted event) { markDeleted(); }

    private void requireLocalPassword() {
        if (directory) {
            throw RuleViolation.invalid("password", "This account's password is kept in the directory (LDAP); change it there.");
        }
    }

    /** Nobody but the superadmin (or the system itself) changes what logs in as the superadmin. */
    private void requireSelfForSuperadmin(String requestedBy, String what) {
        if (role == Role.SUPERADMIN && requestedBy != null && !requestedBy.equals(userId)) {
            throw RuleViolation.forbidden("Only the superadmin may change the superadmin's " + what + ".");
        }
    }

    private static void requireUsername(String username) {
        requireText("username", username);
        String problem = Usernames.problem(username);
        if (problem != null) {
            throw RuleViolation.invalid("username", problem);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field, "This field is required.");
        }
    }

    private static String blank(String value) { return value == null ? "" : value; }
}
