package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.FindWorkLoad;
import io.opsledger.migration.api.MigrationQueries.WorkLoadView;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The steps of a migration run ({@link MigrationRunSaga}'s resource): copy the source workload with
 * the selected mount points it has, record the copy, place it on the target, complete the run. A
 * step that fails fails the run with the reason; no overlap fails it with
 * {@link MigrationMessages#NOT_IN_SOURCE}. Commands go through {@link Commands} (the reference rules
 * apply; each step answers once the read models show it).
 */
public class MigrationCopies {

    private static final Logger log = LoggerFactory.getLogger(MigrationCopies.class);

    private final Commands commands;
    private final Queries queries;
    private final LongSupplier workLoadNumbers;

    public MigrationCopies(Commands commands, Queries queries, LongSupplier workLoadNumbers) {
        this.commands = commands;
        this.queries = queries;
        this.workLoadNumbers = workLoadNumbers;
    }

    /** The source's mount points that were selected, in ascending order (empty: nothing to copy). */
    static List<Long> overlap(List<Long> selected, List<Long> onSource) {
        return selected.stream().filter(onSource::contains).distinct().sorted().toList();
    }

    /** Makes the copy and records it on the migration; or fails the run. */
    public void copy(MigrationRunStarted run, Actor actor) {
        try {
            WorkLoadView source = queries.one(new FindWorkLoad(run.ownerId(), run.source()), WorkLoadView.class);
            if (source == null) {
                fail(run.id(), run.runId(), "source workload " + run.source() + " does not exist", actor);
                return;
            }
            List<Long> copied = overlap(run.selectedMountPoints(), source.storage());
            if (copied.isEmpty()) {
                fail(run.id(), run.runId(), MigrationMessages.NOT_IN_SOURCE, actor);
                return;
            }
            long number = workLoadNumbers.getAsLong();
            commands.send(new CreateWorkLoad(MigrationIds.WORK_LOAD.aggregateId(number), number, run.ownerId(), source.ip(),
                    source.credentials(), copied, source.number(), run.runId()), actor);
            commands.send(new RecordMigrationCopy(run.id(), run.runId(), number, copied), actor);
        } catch (RuntimeException failure) {
            fail(run.id(), run.runId(), "copying workload " + run.source() + " failed: " + reason(failure), actor);
        }
    }

    /** The copy becomes the target's VM; or the run fails. */
    public void place(String migrationId, String runId, long target, long copy, Actor actor) {
        try {
            commands.send(new PlaceTargetVm(MigrationIds.MIGRATION_TARGET.aggregateId(target), copy, runId), actor);
        } catch (RuntimeException failure) {
            fail(migrationId, runId, "placing workload " + copy + " on target " + target + " failed: " + reason(failure), actor);
        }
    }

    public void complete(String migrationId, String runId, Actor actor) {
        commands.send(new CompleteMigrationRun(migrationId, runId), actor);
    }

    private void fail(String migrationId, String runId, String reason, Actor actor) {
        log.info("migration run {} of {} failed: {}", runId, migrationId, reason);
        commands.send(new FailMigrationRun(migrationId, runId, reason), actor);
    }

    /** A rule's refusal as "field: message"; any other failure by its message. */
    static String reason(RuntimeException failure) {
        RuleViolation violation = failure instanceof RuleViolation v ? v
                : failure instanceof CommandExecutionException e && e.getDetails().orElse(null) instanceof RuleViolation.Details d
                ? d.toException() : null;
        if (violation != null) {
            return violation.field() == null ? violation.getMessage() : violation.field() + ": " + violation.getMessage();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
