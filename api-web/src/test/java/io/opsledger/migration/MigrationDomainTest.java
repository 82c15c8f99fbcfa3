package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import io.opsledger.platform.IdSequences;
import io.opsledger.testing.AppTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration context in the running application, below the web: the reference rules on the real
 * command bus, the ip claim, the run saga and {@link MigrationRuns}, the read models.
 */
class MigrationDomainTest extends AppTest {

    @Autowired Commands commands;
    @Autowired Queries queries;
    @Autowired IdSequences ids;
    @Autowired MigrationRuns runs;

    private final Actor actor = Actor.system("migration-domain-test");

    private long next(MigrationIds type) { return ids.next(type.sequence()); }

    private long credential(String owner) {
        long n = next(MigrationIds.CREDENTIAL);
        commands.send(new CreateCredential(MigrationIds.CREDENTIAL.aggregateId(n), n, owner, "root",
                new EncryptedSecret("v1:not-a-real-cipher"), "corp"), actor);
        return n;
    }

    private long mountPoint(String owner, String name) {
        long n = next(MigrationIds.MOUNT_POINT);
        commands.send(new CreateMountPoint(MigrationIds.MOUNT_POINT.aggregateId(n), n, owner, name, 10), actor);
        return n;
    }

    private long workLoad(String owner, String ip, long credentials, List<Long> storage) {
        long n = next(MigrationIds.WORK_LOAD);
        commands.send(new CreateWorkLoad(MigrationIds.WORK_LOAD.aggregateId(n), n, owner, ip, credentials, storage, null, null), actor);
        return n;
    }

    private long target(String owner, long credentials) {
        long n = next(MigrationIds.MIGRATION_TARGET);
        commands.send(new CreateMigrationTarget(MigrationIds.MIGRATION_TARGET.aggregateId(n), n, owner, null, credentials, null), actor);
        return n;
    }

    private long migration(String owner, List<Long> selected, long source, long target) {
        long n = next(MigrationIds.MIGRATION);
        commands.send(new CreateMigration(MigrationIds.MIGRATION.aggregateId(n), n, owner, selected, source, target), actor);
        return n;
    }

    /** The refusal, as the web's error handler sees it (a rule that ran in the aggregate travels as details). */
    private static RuleViolation refused(Runnable call) {
        try {
            call.run();
        } catch (RuleViolation violation) {
            return violation;
        } catch (CommandExecutionException e) {
            if (e.getDetails().orElse(null) instanceof RuleViolation.Details details) {
                return details.toException();
            }
            throw e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void referencesIpsAndDeletesFollowTheRules() {
        String u1 = "u-" + UUID.randomUUID();
        String u2 = "u-" + UUID.randomUUID();
        long c1 = credential(u1);
        long c2 = credential(u2);
        long m1 = mountPoint(u1, "/data");
        long w1 = workLoad(u1, "10.1.0.1", c1, List.of(m1));

        RuleViolation duplicate = refused(() -> workLoad(u1, "10.1.0.1", c1, List.of(m1)));
        assertThat(duplicate.field()).isEqualTo("ip");
        assertThat(duplicate.getMessage()).isEqualTo("This field is unique.");
        RuleViolation foreign = refused(() -> workLoad(u2, "10.1.0.1", c1, List.of(m1)));
        assertThat(foreign.field()).isEqualTo("credentials");
        assertThat(foreign.getMessage()).isEqualTo("Invalid pk \"" + c1 + "\" - object does not exist.");
        RuleViolation changed = refused(() -> commands.send(new UpdateWorkLoad(MigrationIds.WORK_LOAD.aggregateId(w1),
                "10.1.0.2", null, null), actor));
        assertThat(changed.field()).isEqualTo("ip");
        assertThat(changed.getMessage()).isEqualTo("Can't change for the specific source.");

        RuleViolation inUse = refused(() -> commands.send(new DeleteCredential(MigrationIds.CREDENTIAL.aggregateId(c1)), actor));
        assertThat(inUse.field()).isNull();
        assertThat(inUse.getMessage()).isEqualTo("Cannot delete this credential: it is used by workload " + w1 + ".");

        commands.send(new DeleteWorkLoad(MigrationIds.WORK_LOAD.aggregateId(w1)), actor);
        assertThat(queries.one(new FindWorkLoad(u1, w1), WorkLoadView.class)).isNull();
        commands.send(new DeleteCredential(MigrationIds.CREDENTIAL.aggregateId(c1)), actor);
        long again = workLoad(u1, "10.1.0.1", credential(u1), List.of(m1));
        assertThat(queries.one(new FindWorkLoad(u1, again), WorkLoadView.class).ip()).as("the delete freed the ip")
                .isEqualTo("10.1.0.1");
        assertThat(queries.list(new ListCredentials(u2), CredentialView.class)).extracting(CredentialView::number)
                .containsExactly(c2);
    }

    @Test
    void aRunCopiesPlacesAndSucceedsAndARunWithNothingToCopyIsRefused() {
        String u1 = "u-" + UUID.randomUUID();
        long c1 = credential(u1);
        long a = mountPoint(u1, "/a");
        long b = mountPoint(u1, "/b");
        long c = mountPoint(u1, "/c");
        long source = workLoad(u1, "10.2.0.1", c1, List.of(a, b));
        long t = target(u1, c1);
        long m = migration(u1, List.of(b, c), source, t);

        MigrationView done = runs.run(actor, u1, m);
        assertThat(done.state()).isEqualTo(MigrationState.success);
        assertThat(done.steps()).extracting(RunStep::step).containsExactly("started", "copied", "target_vm_placed", "succeeded");
        long copy = queries.one(new FindMigrationTarget(u1, t), MigrationTargetView.class).targetVm();
        WorkLoadView copied = queries.one(new FindWorkLoad(u1, copy), WorkLoadView.class);
        assertThat(copied.copiedFrom()).isEqualTo(source);
        assertThat(copied.storage()).containsExactly(b);
        assertThat(copied.ip()).isEqualTo("10.2.0.1");

        RuleViolation again = refused(() -> runs.run(actor, u1, m));
        assertThat(again.getMessage()).isEqualTo(MigrationMessages.CANNOT_RUN);
        RuleViolation copyInUse = refused(() -> commands.send(new DeleteWorkLoad(MigrationIds.WORK_LOAD.aggregateId(copy)), actor));
        assertThat(copyInUse.getMessage()).isEqualTo("Cannot delete this workload: it is used by migration target " + t + ".");

        long none = migration(u1, List.of(c), source, t);
        RuleViolation notInSource = refused(() -> runs.run(actor, u1, none));
        assertThat(notInSource.field()).isNull();
        assertThat(notInSource.getMessage()).isEqualTo(MigrationMessages.NOT_IN_SOURCE);
        assertThat(queries.one(new FindMigration(u1, none), MigrationView.class).state()).isEqualTo(MigrationState.error);
        assertThat(refused(() -> runs.run(actor, u1, none)).getMessage()).as("a run after an error is allowed")
                .isEqualTo(MigrationMessages.NOT_IN_SOURCE);
    }

    @Test
    void ofTwoConcurrentRunsExactlyOneStarts() throws Exception {
        String u1 = "u-" + UUID.randomUUID();
        long c1 = credential(u1);
        long a = mountPoint(u1, "/a");
        long source = workLoad(u1, "10.3.0.1", c1, List.of(a));
        long m = migration(u1, List.of(a), source, target(u1, c1));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<Object> run = () -> {
            go.await();
            try {
                return runs.run(actor, u1, m);
            } catch (RuntimeException e) {
                return refused(() -> { throw e; });
            }
        };
        try {
            Future<Object> first = pool.submit(run);
            Future<Object> second = pool.submit(run);
            go.countDown();
            List<Object> outcomes = List.of(first.get(), second.get());
            assertThat(outcomes).filteredOn(MigrationView.class::isInstance).singleElement()
                    .satisfies(view -> assertThat(((MigrationView) view).state()).isEqualTo(MigrationState.success));
            assertThat(outcomes).filteredOn(RuleViolation.class::isInstance).singleElement()
                    .satisfies(refusal -> assertThat(((RuleViolation) refusal).getMessage()).isEqualTo(MigrationMessages.CANNOT_RUN));
        } finally {
            pool.shutdownNow();
        }
    }
}
