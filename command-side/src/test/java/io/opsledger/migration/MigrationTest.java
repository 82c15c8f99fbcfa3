package io.opsledger.migration;

import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.opsledger.migration.Violations.invalid;

class MigrationTest {

    private static final String M = "migration.migration:4";
    private static final MigrationCreated CREATED = new MigrationCreated(M, 4, "u1", List.of(1L, 2L), 3, 5,
            MigrationState.not_started);
    private static final MigrationRunStarted STARTED = new MigrationRunStarted(M, 4, "u1", "run-1", 3, 5, List.of(1L, 2L));
    private AggregateTestFixture<Migration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Migration.class);
    }

    @Test
    void aMigrationNeedsMountPointsASourceAndATargetAndHasNotStarted() {
        fixture.givenNoPriorActivity().when(new CreateMigration(M, 4, "u1", List.of(1L, 2L), 3, 5))
                .expectEvents(CREATED);
        fixture.givenNoPriorActivity().when(new CreateMigration(M, 4, "u1", List.of(), 3, 5))
                .expectException(invalid("selected_mount_points", "This field is required."));
        fixture.givenNoPriorActivity().when(new CreateMigration(M, 4, "u1", List.of(1L), 0, 5))
                .expectException(invalid("source_of_type", "This field is required."));
        fixture.givenNoPriorActivity().when(new CreateMigration(M, 4, "u1", List.of(1L), 3, 0))
                .expectException(invalid("migration_target", "This field is required."));
    }

    @Test
    void aRunStartsFromNotStartedOrError() {
        fixture.given(CREATED).when(new StartMigrationRun(M, "run-1")).expectEvents(STARTED);
        fixture.given(CREATED, STARTED, new MigrationRunFailed(M, 4, "run-1", MigrationMessages.NOT_IN_SOURCE))
                .when(new StartMigrationRun(M, "run-2"))
                .expectEvents(new MigrationRunStarted(M, 4, "u1", "run-2", 3, 5, List.of(1L, 2L)));
        fixture.given(CREATED, STARTED, new MigrationCopyMade(M, 4, "run-1", 9, List.of(1L)),
                        new MigrationRunSucceeded(M, 4, "run-1", 9))
                .when(new StartMigrationRun(M, "run-2"))
                .expectException(invalid(null, MigrationMessages.CANNOT_RUN)).expectNoEvents();
    }

    /** Two concurrent starts are handled one after the other on the aggregate: the second finds it running. */
    @Test
    void ofTwoStartsOnlyOneRuns() {
        fixture.given(CREATED, STARTED).when(new StartMigrationRun(M, "run-2"))
                .expectException(invalid(null, MigrationMessages.CANNOT_RUN)).expectNoEvents();
    }

    @Test
    void aRunRecordsItsCopyAndSucceedsOrFails() {
        fixture.given(CREATED, STARTED).when(new RecordMigrationCopy(M, "run-1", 9, List.of(1L)))
                .expectEvents(new MigrationCopyMade(M, 4, "run-1", 9, List.of(1L)));
        fixture.given(CREATED, STARTED, new MigrationCopyMade(M, 4, "run-1", 9, List.of(1L)))
                .when(new CompleteMigrationRun(M, "run-1"))
                .expectEvents(new MigrationRunSucceeded(M, 4, "run-1", 9));
        fixture.given(CREATED, STARTED).when(new FailMigrationRun(M, "run-1", "boom"))
                .expectEvents(new MigrationRunFailed(M, 4, "run-1", "boom"));
    }

    @Test
    void reportsOfAnotherOrADecidedRunChangeNothing() {
        fixture.given(CREATED, STARTED).when(new FailMigrationRun(M, "run-0", "late"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(CREATED, STARTED, new MigrationRunFailed(M, 4, "run-1", "boom"))
                .when(new CompleteMigrationRun(M, "run-1")).expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(CREATED, STARTED, new MigrationCopyMade(M, 4, "run-1", 9, List.of(1L)))
                .when(new RecordMigrationCopy(M, "run-1", 9, List.of(1L))).expectNoEvents();
    }

    @Test
    void aRunningMigrationIsNeitherChangedNorDeleted() {
        fixture.given(CREATED, STARTED).when(new UpdateMigration(M, List.of(1L), null, null))
                .expectException(invalid(null, "Cannot change a migration while it runs.")).expectNoEvents();
        fixture.given(CREATED, STARTED).when(new DeleteMigration(M))
                .expectException(invalid(null, "Cannot delete a migration while it runs.")).expectNoEvents();
        fixture.given(CREATED).when(new UpdateMigration(M, List.of(2L), null, 6L))
                .expectEvents(new MigrationUpdated(M, 4, List.of(2L), 3, 6));
        // a fresh fixture: one whose command failed keeps its rolled-back aggregate
        new AggregateTestFixture<>(Migration.class).given(CREATED, STARTED, new MigrationRunFailed(M, 4, "run-1", "boom"))
                .when(new DeleteMigration(M))
                .expectEvents(new MigrationDeleted(M, 4, "u1")).expectMarkedDeleted();
    }
}
