package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.MigrationState;
import io.opsledger.migration.api.MigrationMessages.StartMigrationRun;
import io.opsledger.migration.api.MigrationQueries.FindMigration;
import io.opsledger.migration.api.MigrationQueries.MigrationView;
import io.opsledger.migration.api.MigrationQueries.RunStep;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What the web's "run" asks: starts a run of the caller's migration and answers when it decided
 * (success or error), or when its wait (30 s in the app) has passed (the view then still says running). A
 * migration not in not_started or error is refused by the aggregate ("migration can't run"); a run
 * that failed because no selected mount point is on the source is refused here with
 * {@link MigrationMessages#NOT_IN_SOURCE}, as the original answered.
 */
public class MigrationRuns {

    private final Commands commands;
    private final Queries queries;
    private final Duration wait;

    public MigrationRuns(Commands commands, Queries queries, Duration wait) {
        this.commands = commands;
        this.queries = queries;
        this.wait = wait;
    }

    public MigrationView run(Actor actor, String ownerId, long number) {
        if (find(ownerId, number) == null) {
            throw RuleViolation.notFound("Not found.");
        }
        String runId = UUID.randomUUID().toString();
        commands.send(new StartMigrationRun(MigrationIds.MIGRATION.aggregateId(number), runId), actor);
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 10;
        MigrationView view = find(ownerId, number);
        while (!decided(view, runId) && System.nanoTime() < deadline) {
            sleep(pause);
            pause = Math.min(pause * 2, 200);
            view = find(ownerId, number);
        }
        if (decided(view, runId) && view.state() == MigrationState.error && failedFor(view, MigrationMessages.NOT_IN_SOURCE)) {
            throw RuleViolation.invalid(null, MigrationMessages.NOT_IN_SOURCE);
        }
        return view;
    }

    private MigrationView find(String ownerId, long number) {
        return queries.one(new FindMigration(ownerId, number), MigrationView.class);
    }

    private static boolean decided(MigrationView view, String runId) {
        return view != null && runId.equals(view.runId())
                && (view.state() == MigrationState.success || view.state() == MigrationState.error);
    }

    private static boolean failedFor(MigrationView view, String reason) {
        List<RunStep> steps = view.steps();
        return !steps.isEmpty() && "failed".equals(steps.get(steps.size() - 1).step())
                && reason.equals(steps.get(steps.size() - 1).detail());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a migration run", e);
        }
    }
}
