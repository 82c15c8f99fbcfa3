package io.opsledger.identity;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;
import io.opsledger.identity.api.DirectoryMessages;
import io.opsledger.identity.api.DirectoryMessages.*;
import io.opsledger.identity.api.IdentityCommands.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** The directory's settings, its groups and the roles they give, and what a directory user may not do here. */
class DirectoryTest {

    private static final String ID = DirectoryMessages.DIRECTORY;
    private static final String DEVS = DirectoryMessages.groupId("Developers");

    private static DirectorySettings settings(String uri, boolean startTls, Duration timeout) {
        return new DirectorySettings(uri, "cn=admin,dc=example,dc=com", new EncryptedSecret("c1"), "", "",
                "ou=groups,dc=example,dc=com", "", startTls, timeout, Duration.ofSeconds(10));
    }

    private static DirectorySettings valid() { return settings("ldap://127.0.0.1:3890", true, Duration.ofSeconds(5)); }

    @Test
    void settingsAreSavedWhenTheyMakeSense() {
        new AggregateTestFixture<>(Directory.class).givenNoPriorActivity()
                .when(new SaveDirectorySettings(ID, valid(), "OpenLDAP"))
                .expectEvents(new DirectorySettingsSaved(ID, valid(), "OpenLDAP"));
    }

    @Test
    void aUriIsLdapOrLdaps() {
        new AggregateTestFixture<>(Directory.class).givenNoPriorActivity()
                .when(new SaveDirectorySettings(ID, settings("http://example.com", false, Duration.ofSeconds(5)), "x"))
                .expectException(RuleViolation.class).expectExceptionMessage("Enter an ldap:// or ldaps:// URI.");
    }

    @Test
    void startTlsOnLdapsIsRefused() {
        new AggregateTestFixture<>(Directory.class).givenNoPriorActivity()
                .when(new SaveDirectorySettings(ID, settings("ldaps://dc.example.com", true, Duration.ofSeconds(5)), "x"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void timeoutsAreBounded() {
        new AggregateTestFixture<>(Directory.class).givenNoPriorActivity()
                .when(new SaveDirectorySettings(ID, settings("ldap://dc", false, Duration.ofMinutes(6)), "x"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void clearingRecordsOnlyWhatWasThere() {
        new AggregateTestFixture<>(Directory.class).given(new DirectorySettingsSaved(ID, valid(), "OpenLDAP"))
                .when(new ClearDirectorySettings(ID)).expectEvents(new DirectorySettingsCleared(ID));
        new AggregateTestFixture<>(Directory.class).given(new DirectorySettingsSaved(ID, valid(), "OpenLDAP"),
                        new DirectorySettingsCleared(ID))
                .when(new ClearDirectorySettings(ID)).expectNoEvents();
    }

    @Test
    void aGroupIsImportedWholeThenOnlyItsChanges() {
        AggregateTestFixture<DirectoryGroup> groups = new AggregateTestFixture<>(DirectoryGroup.class);
        groups.givenNoPriorActivity()
                .when(new ImportDirectoryGroup(DEVS, "Developers", "cn=Developers,ou=groups", List.of("bob", "alice"), "s1"))
                .expectEvents(new DirectoryGroupImported(DEVS, "Developers", "cn=Developers,ou=groups",
                        List.of("alice", "bob"), "s1"));
        groups.given(new DirectoryGroupImported(DEVS, "Developers", "dn", List.of("alice", "bob"), "s1"))
                .when(new ImportDirectoryGroup(DEVS, "Developers", "dn", List.of("bob", "carol"), "s2"))
                .expectEvents(new DirectoryGroupMembersChanged(DEVS, "Developers", List.of("carol"), List.of("alice"), "s2"));
        groups.given(new DirectoryGroupImported(DEVS, "Developers", "dn", List.of("alice", "bob"), "s1"))
                .when(new ImportDirectoryGroup(DEVS, "Developers", "dn", List.of("bob", "alice"), "s2"))
                .expectNoEvents();
    }

    @Test
    void aGroupGivesAdminOrStandardOnlyWhileItExists() {
        AggregateTestFixture<DirectoryGroup> groups = new AggregateTestFixture<>(DirectoryGroup.class);
        DirectoryGroupImported imported = new DirectoryGroupImported(DEVS, "Developers", "dn", List.of("alice"), "s1");
        groups.given(imported).when(new AssignGroupRole(DEVS, Role.ADMIN))
                .expectEvents(new GroupRoleAssigned(DEVS, "Developers", null, Role.ADMIN));
        groups.given(imported).when(new AssignGroupRole(DEVS, Role.SUPERADMIN))
                .expectException(RuleViolation.class).expectNoEvents();
        groups.given(imported, new GroupRoleAssigned(DEVS, "Developers", null, Role.ADMIN))
                .when(new AssignGroupRole(DEVS, Role.ADMIN)).expectNoEvents();
        groups.given(imported, new DirectoryGroupRemoved(DEVS, "Developers", "s2"))
                .when(new AssignGroupRole(DEVS, Role.ADMIN))
                .expectException(RuleViolation.class).expectExceptionMessage("Group Developers does not exist");
    }

    @Test
    void aGroupMadeAgainUnderAnOldNameEarnsNoRoleByIt() {
        new AggregateTestFixture<>(DirectoryGroup.class)
                .given(new DirectoryGroupImported(DEVS, "Developers", "dn", List.of("alice"), "s1"),
                        new GroupRoleAssigned(DEVS, "Developers", null, Role.ADMIN),
                        new DirectoryGroupRemoved(DEVS, "Developers", "s2"),
                        new DirectoryGroupImported(DEVS, "Developers", "dn", List.of("mallory"), "s3"))
                .when(new AssignGroupRole(DEVS, Role.ADMIN))
                .expectEvents(new GroupRoleAssigned(DEVS, "Developers", null, Role.ADMIN));
    }

    private static UserRegistered directoryUser() {
        return new UserRegistered("u1", 3, "alice", "alice@example.com", "Alice", "A", DirectoryMessages.NO_LOCAL_PASSWORD,
                Role.STANDARD, true, DirectoryMessages.AUTH_SOURCE);
    }

    @Test
    void aRoleFromAGroupNamesTheGroupAndIsWithdrawnOnlyByThatGroup() {
        AggregateTestFixture<User> users = new AggregateTestFixture<>(User.class);
        users.given(directoryUser()).when(new ChangeUserRole("u1", Role.ADMIN, "Developers"))
                .expectEvents(new UserRoleChanged("u1", Role.STANDARD, Role.ADMIN, "Developers"));
        users.given(directoryUser(), new UserRoleChanged("u1", Role.STANDARD, Role.ADMIN, "Developers"))
                .when(new WithdrawGroupRole("u1", "Developers", "no longer a member of the group"))
                .expectEvents(new GroupRoleWithdrawn("u1", "Developers", "no longer a member of the group",
                        Role.ADMIN, Role.STANDARD));
        users.given(directoryUser(), new UserRoleChanged("u1", Role.STANDARD, Role.ADMIN, "Ops"))
                .when(new WithdrawGroupRole("u1", "Developers", "no longer a member of the group"))
                .expectNoEvents();
    }

    @Test
    void aDirectoryUsersPasswordIsTheDirectorysAndCannotBeSetHere() {
        AggregateTestFixture<User> users = new AggregateTestFixture<>(User.class);
        users.given(directoryUser()).when(new ChangeUserPassword("u1", "$2a$new", "u1", null))
                .expectException(RuleViolation.class).expectNoEvents();
        users.given(directoryUser()).when(new RequestPasswordReset("u1", "hash", new EncryptedSecret("t"),
                        java.time.Instant.parse("2030-01-01T00:00:00Z")))
                .expectNoEvents();
    }
}
