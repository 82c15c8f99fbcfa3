package io.opsledger.migration;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static io.opsledger.migration.MigrationFields.reference;
import static io.opsledger.migration.MigrationFields.references;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A migration of a source workload's selected mount points to a target, and its runs: one at a
 * time, started only from not_started or error ("migration can't run" otherwise), so of two
 * concurrent starts exactly one wins. While a run is on, the migration is neither changed nor
 * deleted. The run's steps ({@code MigrationRunSaga}) report back with its run id; a report of
 * another run, or of a run already decided, changes nothing.
 */
@Aggregate(cache = AggregateCache.NAME)
public class Migration {

    static final String CHANGED_WHILE_RUNNING = "Cannot change a migration while it runs.";
    static final String DELETED_WHILE_RUNNING = "Cannot delete a migration while it runs.";

    @AggregateIdentifier
    private String id;
    private long number;
    private String ownerId;
    private List<Long> selectedMountPoints;
    private long source;
    private long target;
    private MigrationState state;
    private String runId;
    private Long copy;

    protected Migration() {}

    @CommandHandler
    public Migration(CreateMigration command) {
        references("selected_mount_points", command.selectedMountPoints());
        reference("source_of_type", command.source());
        reference("migration_target", command.target());
        apply(new MigrationCreated(command.id(), command.number(), command.ownerId(),
                List.copyOf(command.selectedMountPoints()), command.source(), command.target(), MigrationState.not_started));
    }

    @CommandHandler
    public void handle(UpdateMigration command) {
        if (state == MigrationState.running) {
            throw RuleViolation.invalid(null, CHANGED_WHILE_RUNNING);
        }
        if (command.selectedMountPoints() != null) {
            references("selected_mount_points", command.selectedMountPoints());
        }
        if (command.source() != null) {
            reference("source_of_type", command.source());
        }
        if (command.target() != null) {
            reference("migration_target", command.target());
        }
        apply(new MigrationUpdated(id, number,
                command.selectedMountPoints() != null ? List.copyOf(command.selectedMountPoints()) : selectedMountPoints,
                command.source() != null ? command.source() : source, command.target() != null ? command.target() : target));
    }

    @CommandHandler
    public void handle(DeleteMigration command) {
        if (state == MigrationState.running) {
            throw RuleViolation.invalid(null, DELETED_WHILE_RUNNING);
        }
        apply(new MigrationDeleted(id, number, ownerId));
    }

    @CommandHandler
    public void handle(StartMigrationRun command) {
        if (state != MigrationState.not_started && state != MigrationState.error) {
            throw RuleViolation.invalid(null, MigrationMessages.CANNOT_RUN);
        }
        apply(new MigrationRunStarted(id, number, ownerId, command.runId(), source, target, selectedMountPoints));
    }

    @CommandHandler
    public void handle(RecordMigrationCopy command) {
        if (isRunning(command.runId()) && copy == null) {
            apply(new MigrationCopyMade(id, number, command.runId(), command.copy(), List.copyOf(command.copiedMountPoints())));
        }
    }

    @CommandHandler
    public void handle(CompleteMigrationRun command) {
        if (isRunning(command.runId())) {
            if (copy == null) {
                throw new IllegalStateException("run " + runId + " of migration " + number + " completes without a copy");
            }
            apply(new MigrationRunSucceeded(id, number, command.runId(), copy));
        }
    }

    @CommandHandler
    public void handle(FailMigrationRun command) {
        if (isRunning(command.runId())) {
            apply(new MigrationRunFailed(id, number, command.runId(), command.reason()));
        }
    }

    private boolean isRunning(String reportingRun) {
        return state == MigrationState.running && reportingRun != null && reportingRun.equals(runId);
    }

    @EventSourcingHandler
    void on(MigrationCreated event) {
        id = event.id();
        number = event.number();
        ownerId = event.ownerId();
        selectedMountPoints = event.selectedMountPoints();
        source = event.source();
        target = event.target();
        state = event.state();
    }

    @EventSourcingHandler
    void on(MigrationUpdated event) {
        selectedMountPoints = event.selectedMountPoints();
        source = event.source();
        target = event.target();
    }

    @EventSourcingHandler
    void on(MigrationRunStarted event) {
        state = MigrationState.running;
        runId = event.runId();
        copy = null;
    }

    @EventSourcingHandler
    void on(MigrationCopyMade event) { copy = event.copy(); }

    @EventSourcingHandler
    void on(MigrationRunSucceeded event) { state = MigrationState.success; }

    @EventSourcingHandler
    void on(MigrationRunFailed event) { state = MigrationState.error; }

    @EventSourcingHandler
    void on(MigrationDeleted event) { markDeleted(); }
}
