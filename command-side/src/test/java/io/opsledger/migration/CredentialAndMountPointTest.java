package io.opsledger.migration;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.opsledger.migration.Violations.invalid;

class CredentialAndMountPointTest {

    private static final String C = "migration.credential:1";
    private static final String M = "migration.mount_point:2";
    private static final EncryptedSecret PW = new EncryptedSecret("v1:cipher");
    private AggregateTestFixture<Credential> credentials;
    private AggregateTestFixture<MountPoint> mountPoints;

    @BeforeEach
    void setUp() {
        credentials = new AggregateTestFixture<>(Credential.class);
        mountPoints = new AggregateTestFixture<>(MountPoint.class);
    }

    @Test
    void aCredentialNeedsUsernamePasswordAndDomain() {
        credentials.givenNoPriorActivity().when(new CreateCredential(C, 1, "u1", "root", PW, "corp"))
                .expectEvents(new CredentialCreated(C, 1, "u1", "root", PW, "corp"));
        credentials.givenNoPriorActivity().when(new CreateCredential(C, 1, "u1", null, PW, "corp"))
                .expectException(invalid("username", "This field is required.")).expectNoEvents();
        credentials.givenNoPriorActivity().when(new CreateCredential(C, 1, "u1", "root", null, "corp"))
                .expectException(invalid("password", "This field is required."));
        credentials.givenNoPriorActivity().when(new CreateCredential(C, 1, "u1", "root", PW, null))
                .expectException(invalid("domain", "This field is required."));
        credentials.givenNoPriorActivity().when(new CreateCredential(C, 1, "u1", " ", PW, "corp"))
                .expectException(invalid("username", "This field may not be blank."));
    }

    @Test
    void anUpdateKeepsWhatItDoesNotGiveAndADeleteIsFinal() {
        CredentialCreated created = new CredentialCreated(C, 1, "u1", "root", PW, "corp");
        credentials.given(created).when(new UpdateCredential(C, "admin", null, null))
                .expectEvents(new CredentialUpdated(C, 1, "admin", PW, "corp"));
        credentials.given(created).when(new UpdateCredential(C, null, null, ""))
                .expectException(invalid("domain", "This field may not be blank."));
        // a fresh fixture: one whose command failed keeps its rolled-back aggregate
        new AggregateTestFixture<>(Credential.class).given(created).when(new DeleteCredential(C))
                .expectEvents(new CredentialDeleted(C, 1, "u1")).expectMarkedDeleted();
        credentials.given(created, new CredentialDeleted(C, 1, "u1")).when(new UpdateCredential(C, "x", null, null))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void aMountPointHasANameAndASizeOfZeroOrMore() {
        mountPoints.givenNoPriorActivity().when(new CreateMountPoint(M, 2, "u1", "/data", 100))
                .expectEvents(new MountPointCreated(M, 2, "u1", "/data", 100));
        mountPoints.givenNoPriorActivity().when(new CreateMountPoint(M, 2, "u1", null, 100))
                .expectException(invalid("mount_point_name", "This field is required."));
        mountPoints.givenNoPriorActivity().when(new CreateMountPoint(M, 2, "u1", "/data", 0))
                .expectEvents(new MountPointCreated(M, 2, "u1", "/data", 0));
        mountPoints.givenNoPriorActivity().when(new CreateMountPoint(M, 2, "u1", "/data", -1))
                .expectException(invalid("total_size_of_the_volume", "Ensure this value is greater than or equal to 0."));
        MountPointCreated created = new MountPointCreated(M, 2, "u1", "/data", 100);
        mountPoints.given(created).when(new UpdateMountPoint(M, null, 200L))
                .expectEvents(new MountPointUpdated(M, 2, "/data", 200));
        mountPoints.given(created).when(new UpdateMountPoint(M, null, -5L))
                .expectException(invalid("total_size_of_the_volume", "Ensure this value is greater than or equal to 0."));
        new AggregateTestFixture<>(MountPoint.class).given(created).when(new DeleteMountPoint(M))
                .expectEvents(new MountPointDeleted(M, 2, "u1")).expectMarkedDeleted();
    }
}
