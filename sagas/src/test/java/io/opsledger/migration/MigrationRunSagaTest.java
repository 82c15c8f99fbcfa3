package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.FindWorkLoad;
import io.opsledger.migration.api.MigrationQueries.WorkLoadView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of a migration run, with the workloads read model and the reference rules played by the test. */
class MigrationRunSagaTest {

    private static final String M = "migration.migration:4";
    private static final String T = "migration.migration_target:5";
    private final Map<Long, WorkLoadView> workLoads = new HashMap<>();
    /** Commands the test refuses, as the reference rules would, by type. */
    private final Map<Class<?>, RuntimeException> refusals = new HashMap<>();
    private final List<Map<String, Object>> metadata = new ArrayList<>();
    private SagaTestFixture<MigrationRunSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(MigrationRunSaga.class);
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build();
        Commands commands = new Commands() {
            @Override
            public <R> R send(Object command, Actor actor) {
                RuntimeException refusal = refusals.get(command.getClass());
                if (refusal != null) {
                    throw refusal;
                }
                metadata.add(actor.metadata());
                return gateway.sendAndWait(command);
            }
        };
        Queries queries = new Queries(null) {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R one(Object query, Class<R> type) {
                FindWorkLoad find = (FindWorkLoad) query;
                WorkLoadView view = workLoads.get(find.number());
                return view != null && view.ownerId().equals(find.ownerId()) ? (R) view : null;
            }
        };
        AtomicLong numbers = new AtomicLong(8);
        fixture.registerResource(new MigrationCopies(commands, queries, numbers::incrementAndGet));
        workLoads.put(3L, new WorkLoadView(3, "u1", "10.0.0.1", 1, List.of(1L, 2L, 6L), null));
    }

    private static MigrationRunStarted started(String runId, List<Long> selected) {
        return new MigrationRunStarted(M, 4, "u1", runId, 3, 5, selected);
    }

    @Test
    void aRunCopiesTheSourceWithTheSelectedMountPointsItHasPlacesTheCopyAndCompletes() {
        fixture.givenNoPriorActivity()
                .whenAggregate(M).publishes(started("run-1", List.of(7L, 2L, 1L)))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new CreateWorkLoad("migration.work_load:9", 9, "u1", "10.0.0.1", 1, List.of(1L, 2L), 3L, "run-1"),
                        new RecordMigrationCopy(M, "run-1", 9, List.of(1L, 2L)));
        fixture.givenAggregate(M).published(started("run-1", List.of(7L, 2L, 1L)))
                .whenAggregate(M).publishes(new MigrationCopyMade(M, 4, "run-1", 9, List.of(1L, 2L)))
                .expectDispatchedCommands(new PlaceTargetVm(T, 9, "run-1"));
        fixture.givenAggregate(M).published(started("run-1", List.of(2L)), new MigrationCopyMade(M, 4, "run-1", 9, List.of(2L)))
                .whenAggregate(T).publishes(new TargetVmPlaced(T, 5, 9, "run-1"))
                .expectDispatchedCommands(new CompleteMigrationRun(M, "run-1"));
        fixture.givenAggregate(M).published(started("run-1", List.of(2L)), new MigrationCopyMade(M, 4, "run-1", 9, List.of(2L)))
                .andThenAggregate(T).published(new TargetVmPlaced(T, 5, 9, "run-1"))
                .whenAggregate(M).publishes(new MigrationRunSucceeded(M, 4, "run-1", 9))
                .expectActiveSagas(0).expectNoDispatchedCommands();
        assertThat(metadata).allSatisfy(meta -> assertThat(meta).containsEntry("process", "migration-run"));
    }

    @Test
    void noSelectedMountPointOnTheSourceFailsTheRunAndEndsIt() {
        fixture.givenNoPriorActivity()
                .whenAggregate(M).publishes(started("run-1", List.of(4L, 5L)))
                .expectDispatchedCommands(new FailMigrationRun(M, "run-1", MigrationMessages.NOT_IN_SOURCE));
        fixture.givenAggregate(M).published(started("run-1", List.of(4L)))
                .whenAggregate(M).publishes(new MigrationRunFailed(M, 4, "run-1", MigrationMessages.NOT_IN_SOURCE))
                .expectActiveSagas(0);
    }

    @Test
    void aRunAfterAFailedOneIsANewRun() {
        fixture.givenAggregate(M).published(started("run-1", List.of(4L)),
                        new MigrationRunFailed(M, 4, "run-1", MigrationMessages.NOT_IN_SOURCE))
                .whenAggregate(M).publishes(started("run-2", List.of(6L)))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new CreateWorkLoad("migration.work_load:9", 9, "u1", "10.0.0.1", 1, List.of(6L), 3L, "run-2"),
                        new RecordMigrationCopy(M, "run-2", 9, List.of(6L)));
    }

    @Test
    void aRefusedStepFailsTheRunWithItsReason() {
        refusals.put(CreateWorkLoad.class, RuleViolation.invalid("credentials", "Invalid pk \"1\" - object does not exist."));
        fixture.givenNoPriorActivity()
                .whenAggregate(M).publishes(started("run-1", List.of(1L)))
                .expectDispatchedCommands(new FailMigrationRun(M, "run-1",
                        "copying workload 3 failed: credentials: Invalid pk \"1\" - object does not exist."));
        refusals.put(PlaceTargetVm.class, new IllegalStateException("target gone"));
        fixture.givenAggregate(M).published(started("run-1", List.of(1L)))
                .whenAggregate(M).publishes(new MigrationCopyMade(M, 4, "run-1", 9, List.of(1L)))
                .expectDispatchedCommands(new FailMigrationRun(M, "run-1",
                        "placing workload 9 on target 5 failed: target gone"));
    }

    @Test
    void aMissingSourceFailsTheRun() {
        workLoads.clear();
        fixture.givenNoPriorActivity()
                .whenAggregate(M).publishes(started("run-1", List.of(1L)))
                .expectDispatchedCommands(new FailMigrationRun(M, "run-1", "source workload 3 does not exist"));
    }
}
