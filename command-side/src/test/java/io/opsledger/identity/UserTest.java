package io.opsledger.identity;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;
import io.opsledger.identity.api.IdentityCommands;
import io.opsledger.identity.api.IdentityCommands.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

class UserTest {

    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    private static UserRegistered registered(String id, Role role) {
        return new UserRegistered(id, 7, "alice", "alice@example.com", "Alice", "A", "$2a$hash", role, true, "local");
    }

    @Test
    void registrationRecordsTheUserWithHashOnly() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", 7, "alice", "alice@example.com", "Alice", "A", "$2a$hash", Role.ADMIN, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered("u1", Role.ADMIN));
    }

    @Test
    void registrationNeedsAUsername() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", 7, " ", null, null, null, "$2a$hash", Role.READONLY, true, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("This field is required.");
    }

    @Test
    void roleChangeIsRecordedWithThePreviousRole() {
        fixture.given(registered("u1", Role.READONLY))
                .when(new ChangeUserRole("u1", Role.ADMIN))
                .expectEvents(new UserRoleChanged("u1", Role.READONLY, Role.ADMIN, null));
    }

    @Test
    void sameRoleAgainChangesNothing() {
        fixture.given(registered("u1", Role.ADMIN))
                .when(new ChangeUserRole("u1", Role.ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void superadminCannotBeDemoted() {
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new ChangeUserRole("u1", Role.READONLY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The superadmin cannot be demoted.");
    }

    @Test
    void nobodyElseBecomesSuperadmin() {
        fixture.given(registered("u1", Role.ADMIN))
                .when(new ChangeUserRole("u1", Role.SUPERADMIN))
                .expectException(RuleViolation.class);
    }

    @Test
    void superadminCannotBeDeletedOrDeactivated() {
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new DeleteUser("u1", "u2"))
                .expectExceptionMessage("The superadmin cannot be deleted.");
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new UpdateUserProfile("u1", null, null, null, null, false, "u1"))
                .expectExceptionMessage("The superadmin cannot be deactivated.");
    }

    @Test
    void nobodyDeletesThemselves() {
        fixture.given(registered("u1", Role.ADMIN))
                .when(new DeleteUser("u1", "u1"))
                .expectExceptionMessage("You cannot delete your own account.");
    }

    @Test
    void deletionIsRecordedAndEndsTheUser() {
        fixture.given(registered("u1", Role.ADMIN))
                .when(new DeleteUser("u1", "u2"))
                .expectEvents(new UserDeleted("u1", "alice"))
                .expectMarkedDeleted();
    }

    @Test
    void profileUpdateKeepsWhatWasNotSent() {
        fixture.given(registered("u1", Role.ADMIN))
                .when(new UpdateUserProfile("u1", "alice2", null, null, "B", null, "u2"))
                .expectEvents(new UserProfileUpdated("u1", "alice2", "alice", "alice@example.com", "Alice", "B", true));
    }

    @Test
    void activeUsersOpenSessionsAndInactiveOnesCannot() {
        fixture.given(registered("u1", Role.STANDARD))
                .when(new OpenSession("u1", "h1", SessionKind.JWT, LATER))
                .expectEvents(new SessionOpened("u1", "h1", SessionKind.JWT, LATER));
        fixture.given(registered("u1", Role.STANDARD),
                        new UserProfileUpdated("u1", "alice", "alice", "a@x", "", "", false))
                .when(new OpenSession("u1", "h1", SessionKind.TOKEN, LATER))
                .expectExceptionMessage("User account is disabled.");
    }

    @Test
    void logoutClosesTheSession() {
        fixture.given(registered("u1", Role.STANDARD), new SessionOpened("u1", "h1", SessionKind.TOKEN, LATER))
                .when(new CloseSession("u1", "h1"))
                .expectEvents(new SessionClosed("u1", "h1"));
    }

    @Test
    void apiKeysAreCreatedAndOnlyKnownOnesRevoked() {
        fixture.given(registered("u1", Role.STANDARD))
                .when(new CreateApiKey("u1", "k1", "ci", "hash", "olk_ab", null))
                .expectEvents(new ApiKeyCreated("u1", "k1", "ci", "hash", "olk_ab", null));
        fixture.given(registered("u1", Role.STANDARD), new ApiKeyCreated("u1", "k1", "ci", "hash", "olk_ab", null))
                .when(new RevokeApiKey("u1", "k1"))
                .expectEvents(new ApiKeyRevoked("u1", "k1"));
        fixture.given(registered("u1", Role.STANDARD))
                .when(new RevokeApiKey("u1", "k9"))
                .expectExceptionMessage("API key not found");
    }

    @Test
    void resetNeedsTheRequestedTokenBeforeItExpiresAndWorksOnce() {
        EncryptedSecret sealed = new EncryptedSecret("xyz");
        PasswordResetRequested requested = new PasswordResetRequested("u1", 7, "alice@example.com", "th", sealed, LATER);
        fixture.given(registered("u1", Role.STANDARD))
                .when(new RequestPasswordReset("u1", "th", sealed, LATER))
                .expectEvents(requested);
        fixture.given(registered("u1", Role.STANDARD), requested)
                .when(new ResetPassword("u1", "th", "$2a$new", LATER.minusSeconds(60)))
                .expectEvents(new UserPasswordChanged("u1", "$2a$new", null));
        fixture.given(registered("u1", Role.STANDARD), requested)
                .when(new ResetPassword("u1", "wrong", "$2a$new", LATER.minusSeconds(60)))
                .expectExceptionMessage("Invalid or expired token.");
        fixture.given(registered("u1", Role.STANDARD), requested)
                .when(new ResetPassword("u1", "th", "$2a$new", LATER.plusSeconds(1)))
                .expectExceptionMessage("Invalid or expired token.");
        fixture.given(registered("u1", Role.STANDARD), requested, new UserPasswordChanged("u1", "$2a$new", null))
                .when(new ResetPassword("u1", "th", "$2a$other", LATER.minusSeconds(60)))
                .expectExceptionMessage("Invalid or expired token.");
    }

    @Test
    void noResetMailForAnInactiveUser() {
        fixture.given(registered("u1", Role.STANDARD),
                        new UserProfileUpdated("u1", "alice", "alice", "alice@example.com", "", "", false))
                .when(new RequestPasswordReset("u1", "th", new EncryptedSecret("x"), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void usernamesWithInvisibleOrPaddingCharactersAreRefused() {
        for (String bad : new String[]{"ad\u200Bmin", "admin\u202Egnp", "ad\u200Dmin", "\u2066admin", "admin\u0007",
                "admin\n", " admin", "admin ", "admin\u00A0", "\uFEFFadmin"}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser("u1", 7, bad, null, null, null, "$2a$hash", Role.READONLY, true, null))
                    .expectException(RuleViolation.class);
            fixture.given(registered("u1", Role.READONLY))
                    .when(new UpdateUserProfile("u1", bad, null, null, null, null, "u1"))
                    .expectException(RuleViolation.class);
        }
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", 7, "Zoë.o'Neil@ops", null, null, null, "$2a$hash", Role.READONLY, true, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void usernameKeysFoldCaseAndCompatibilityForms() {
        assertThat(Usernames.key("Admin")).isEqualTo(Usernames.key("admin")).isEqualTo(Usernames.key("ＡＤＭＩＮ"));
        assertThat(Usernames.key("Straße")).isEqualTo(Usernames.key("STRASSE"));
        assertThat(Usernames.key("alice")).isNotEqualTo(Usernames.key("alice2"));
    }

    @Test
    void onlyTheFirstAdminIdMayHoldTheSuperadminRole() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", 1, "root", null, null, null, "$2a$hash", Role.SUPERADMIN, true, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("There is only one superadmin.");
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(IdentityCommands.FIRST_ADMIN_ID, 1, "root", "", "", "", "$2a$hash", Role.SUPERADMIN, true, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyTheSuperadminChangesItsPasswordEmailOrUsername() {
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new ChangeUserPassword("u1", "$2a$new", "admin2", null))
                .expectExceptionMessage("Only the superadmin may change the superadmin's password.");
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new UpdateUserProfile("u1", null, "evil@example.com", null, null, null, "admin2"))
                .expectExceptionMessage("Only the superadmin may change the superadmin's username and email.");
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new UpdateUserProfile("u1", "root2", null, null, null, null, "admin2"))
                .expectException(RuleViolation.class);
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new ChangeUserPassword("u1", "$2a$new", "u1", "h1"))
                .expectEvents(new UserPasswordChanged("u1", "$2a$new", "h1"));
        fixture.given(registered("u1", Role.SUPERADMIN))
                .when(new UpdateUserProfile("u1", null, "new@example.com", null, null, null, "u1"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aPasswordSetBySomeoneElseKeepsNoSessionOpen() {
        fixture.given(registered("u1", Role.STANDARD))
                .when(new ChangeUserPassword("u1", "$2a$new", "admin2", "admin-session"))
                .expectEvents(new UserPasswordChanged("u1", "$2a$new", null));
        fixture.given(registered("u1", Role.STANDARD))
                .when(new ChangeUserPassword("u1", "$2a$new", "u1", "mine"))
                .expectEvents(new UserPasswordChanged("u1", "$2a$new", "mine"));
    }
}
