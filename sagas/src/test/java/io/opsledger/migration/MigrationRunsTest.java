package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.MigrationState;
import io.opsledger.migration.api.MigrationMessages.StartMigrationRun;
import io.opsledger.migration.api.MigrationQueries.FindMigration;
import io.opsledger.migration.api.MigrationQueries.MigrationView;
import io.opsledger.migration.api.MigrationQueries.RunStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The web's run: started, then answered once the run decided, as the read model shows it. */
class MigrationRunsTest {

    private final AtomicReference<String> runId = new AtomicReference<>();
    private final AtomicInteger reads = new AtomicInteger();

    private MigrationRuns runs(MigrationState outcome, String lastStep, String detail) {
        Commands commands = new Commands() {
            @Override
            public <R> R send(Object command, Actor actor) {
                runId.set(((StartMigrationRun) command).runId());
                assertThat(((StartMigrationRun) command).id()).isEqualTo("migration.migration:4");
                return null;
            }
        };
        Queries queries = new Queries(null) {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R one(Object query, Class<R> type) {
                FindMigration find = (FindMigration) query;
                if (!find.ownerId().equals("u1") || find.number() != 4) {
                    return null;
                }
                int read = reads.incrementAndGet();
                if (runId.get() == null) {
                    return (R) view(MigrationState.not_started, null, List.of());
                }
                if (read < 4) {
                    return (R) view(MigrationState.running, runId.get(), List.of(step("started", MigrationState.running, "")));
                }
                return (R) view(outcome, runId.get(), List.of(step("started", MigrationState.running, ""),
                        step(lastStep, outcome, detail)));
            }
        };
        return new MigrationRuns(commands, queries, Duration.ofSeconds(5));
    }

    private RunStep step(String name, MigrationState state, String detail) {
        return new RunStep(runId.get(), name, state, detail, Instant.now());
    }

    private static MigrationView view(MigrationState state, String runId, List<RunStep> steps) {
        return new MigrationView(4, "u1", List.of(1L), 3, 5, state, runId, steps);
    }

    @Test
    void aRunAnswersWhenItSucceeded() {
        MigrationView view = runs(MigrationState.success, "succeeded", "ok").run(Actor.system("test"), "u1", 4);
        assertThat(view.state()).isEqualTo(MigrationState.success);
        assertThat(view.runId()).isEqualTo(runId.get());
    }

    @Test
    void aRunWithNothingToCopyIsRefusedInTheOriginalsWords() {
        RuleViolation refused = catchThrowableOfType(() -> runs(MigrationState.error, "failed", MigrationMessages.NOT_IN_SOURCE)
                .run(Actor.system("test"), "u1", 4), RuleViolation.class);
        assertThat(refused.kind()).isEqualTo(RuleViolation.Kind.INVALID);
        assertThat(refused.field()).isNull();
        assertThat(refused.getMessage()).isEqualTo("selected_mount_points not in source");
    }

    @Test
    void aRunFailedForAnotherReasonAnswersWithTheView() {
        MigrationView view = runs(MigrationState.error, "failed", "placing failed").run(Actor.system("test"), "u1", 4);
        assertThat(view.state()).isEqualTo(MigrationState.error);
    }

    @Test
    void anotherOwnersMigrationIsNotFound() {
        RuleViolation refused = catchThrowableOfType(() -> runs(MigrationState.success, "succeeded", "")
                .run(Actor.system("test"), "u2", 4), RuleViolation.class);
        assertThat(refused.kind()).isEqualTo(RuleViolation.Kind.NOT_FOUND);
        assertThat(runId.get()).isNull();
    }
}
