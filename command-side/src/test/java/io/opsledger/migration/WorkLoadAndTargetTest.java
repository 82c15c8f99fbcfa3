package io.opsledger.migration;

import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.opsledger.migration.Violations.invalid;

class WorkLoadAndTargetTest {

    private static final String W = "migration.work_load:3";
    private static final String T = "migration.migration_target:5";
    private AggregateTestFixture<WorkLoad> workLoads;
    private AggregateTestFixture<MigrationTarget> targets;

    @BeforeEach
    void setUp() {
        workLoads = new AggregateTestFixture<>(WorkLoad.class);
        targets = new AggregateTestFixture<>(MigrationTarget.class);
    }

    private static CreateWorkLoad create(String ip, long credentials, List<Long> storage) {
        return new CreateWorkLoad(W, 3, "u1", ip, credentials, storage, null, null);
    }

    private static final WorkLoadCreated CREATED = new WorkLoadCreated(W, 3, "u1", "10.0.0.1", 1, List.of(2L), null, null);

    @Test
    void aWorkLoadHasAnIpCredentialsAndStorage() {
        workLoads.givenNoPriorActivity().when(create(" 10.0.0.1 ", 1, List.of(2L)))
                .expectEvents(CREATED);
        workLoads.givenNoPriorActivity().when(create("2001:db8::1", 1, List.of(2L, 4L)))
                .expectEvents(new WorkLoadCreated(W, 3, "u1", "2001:db8::1", 1, List.of(2L, 4L), null, null));
        workLoads.givenNoPriorActivity().when(create(null, 1, List.of(2L)))
                .expectException(invalid("ip", "This field is required."));
        // the original's ip is text: its own tests send uuid hex strings
        workLoads.givenNoPriorActivity().when(create("9f1c2b7e4d", 1, List.of(2L)))
                .expectEvents(new WorkLoadCreated(W, 3, "u1", "9f1c2b7e4d", 1, List.of(2L), null, null));
        workLoads.givenNoPriorActivity().when(create("  ", 1, List.of(2L)))
                .expectException(invalid("ip", "This field may not be blank."));
        workLoads.givenNoPriorActivity().when(create("10.0.0.1", 0, List.of(2L)))
                .expectException(invalid("credentials", "This field is required."));
        workLoads.givenNoPriorActivity().when(create("10.0.0.1", 1, List.of()))
                .expectException(invalid("storage", "This field is required."));
        workLoads.givenNoPriorActivity().when(create("10.0.0.1", 1, null))
                .expectException(invalid("storage", "This field is required."));
    }

    @Test
    void theIpNeverChangesButGivingItAgainIsNoChange() {
        workLoads.given(CREATED).when(new UpdateWorkLoad(W, "10.0.0.2", null, null))
                .expectException(invalid("ip", "Can't change for the specific source.")).expectNoEvents();
        workLoads.given(CREATED).when(new UpdateWorkLoad(W, "10.0.0.1", 7L, List.of(2L, 4L)))
                .expectEvents(new WorkLoadUpdated(W, 3, "10.0.0.1", 7, List.of(2L, 4L)));
        workLoads.given(CREATED).when(new UpdateWorkLoad(W, null, null, List.of()))
                .expectException(invalid("storage", "This field is required."));
        // a fresh fixture: one whose command failed keeps its rolled-back aggregate
        new AggregateTestFixture<>(WorkLoad.class).given(CREATED).when(new DeleteWorkLoad(W))
                .expectEvents(new WorkLoadDeleted(W, 3, "u1")).expectMarkedDeleted();
    }

    @Test
    void aTargetIsAwsUnlessToldAndNeedsCloudCredentials() {
        targets.givenNoPriorActivity().when(new CreateMigrationTarget(T, 5, "u1", null, 1, null))
                .expectEvents(new MigrationTargetCreated(T, 5, "u1", CloudType.aws, 1, null));
        targets.givenNoPriorActivity().when(new CreateMigrationTarget(T, 5, "u1", CloudType.vsphere, 1, 3L))
                .expectEvents(new MigrationTargetCreated(T, 5, "u1", CloudType.vsphere, 1, 3L));
        targets.givenNoPriorActivity().when(new CreateMigrationTarget(T, 5, "u1", CloudType.azure, 0, null))
                .expectException(invalid("cloud_credentials", "This field is required."));
    }

    @Test
    void aTargetsVmIsKeptSetClearedOrPlacedByARun() {
        MigrationTargetCreated created = new MigrationTargetCreated(T, 5, "u1", CloudType.aws, 1, 3L);
        targets.given(created).when(new UpdateMigrationTarget(T, CloudType.vcloud, null, null, false))
                .expectEvents(new MigrationTargetUpdated(T, 5, CloudType.vcloud, 1, 3L));
        targets.given(created).when(new UpdateMigrationTarget(T, null, null, null, true))
                .expectEvents(new MigrationTargetUpdated(T, 5, CloudType.aws, 1, null));
        targets.given(created).when(new PlaceTargetVm(T, 9, "run-1"))
                .expectEvents(new TargetVmPlaced(T, 5, 9, "run-1"));
        targets.given(created, new TargetVmPlaced(T, 5, 9, "run-1")).when(new PlaceTargetVm(T, 9, "run-1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        targets.given(created).when(new DeleteMigrationTarget(T))
                .expectEvents(new MigrationTargetDeleted(T, 5, "u1")).expectMarkedDeleted();
    }
}
