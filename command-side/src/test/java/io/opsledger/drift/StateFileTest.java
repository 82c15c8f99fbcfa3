package io.opsledger.drift;

import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateLockedException;
import io.opsledger.drift.api.StateMessages;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.drift.tfstate.TerraformStates;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.*;

class StateFileTest {

    private AggregateTestFixture<StateFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateFile.class);
    }

    static final TerraformState STATE = TerraformState.empty("1.5.0", "lin-1").importResource("aws_instance", "web", "i-1");
    static final StateFileSynced SYNCED = new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH,
            "sum-1", STATE, null, Instant.EPOCH);
    static final LockInfo ALICE = lock("L1", "alice@opsledger");
    static final LockInfo BOB = lock("L2", "bob@opsledger");

    static LockInfo lock(String id, String who) {
        return new LockInfo(id, "bucket/prod/terraform.tfstate", "OperationTypeApply", who, "1.5.0", Instant.EPOCH, "apply");
    }

    /** Exactly these event types, in this order. */
    private static Matcher<List<EventMessage<?>>> only(Class<?>... types) {
        return events(ps -> ps.size() == types.length
                && java.util.stream.IntStream.range(0, types.length).allMatch(i -> types[i].isInstance(ps.get(i))));
    }

    /** Exactly one event, whose payload passes the check. */
    private static Matcher<List<EventMessage<?>>> one(Predicate<Object> check) {
        return events(ps -> ps.size() == 1 && check.test(ps.get(0)));
    }

    private static Matcher<List<EventMessage<?>>> events(Predicate<List<Object>> check) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return check.test(((List<?>) actual).stream().<Object>map(m -> ((EventMessage<?>) m).getPayload()).toList());
            }

            @Override
            public void describeTo(Description description) { description.appendText("events passing the check"); }
        };
    }

    static final TerraformState WITH_SECRET = new TerraformState(4, "1.11.4", 3, "lin-1",
            java.util.Map.of("db_password", new io.opsledger.drift.tfstate.StateOutput("hunter2", "string", true)), List.of(),
            java.util.Map.of());

    @Test
    void aStateWithSensitiveValuesInPlaintextNeverEntersAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", WITH_SECRET, null))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        io.opsledger.drift.tfstate.StateOutput sealed = new io.opsledger.drift.tfstate.StateOutput(
                io.opsledger.drift.tfstate.SensitiveValues.MASK, "string", true, new io.opsledger.common.EncryptedSecret("c2VhbGVk"));
        TerraformState masked = new TerraformState(4, "1.11.4", 3, "lin-1", java.util.Map.of("db_password", sealed), List.of(),
                java.util.Map.of());
        // one recorded before sealing existed is recorded again, sealed, though its checksum is the same
        fixture.given(new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", WITH_SECRET, null,
                        Instant.EPOCH))
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", masked, null))
                .expectEventsMatching(one(e -> e instanceof StateFileSynced s && s.state().equals(masked)));
        fixture.given(new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", masked, null,
                        Instant.EPOCH))
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", masked, null))
                .expectNoEvents();
    }

    @Test
    void syncCreatesTheStateFileAndIgnoresAnUnchangedChecksum() {
        fixture.givenNoPriorActivity()
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", STATE, null))
                .expectEventsMatching(only(StateFileSynced.class));
        fixture.given(SYNCED)
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", STATE, null))
                .expectNoEvents();
        fixture.given(SYNCED)
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 120, Instant.EPOCH, "sum-2", STATE.nextSerial(), null))
                .expectEventsMatching(only(StateFileSynced.class));
    }

    @Test
    void aFileTheBackendNoLongerHoldsIsMissingUntilSeenAgain() {
        fixture.given(SYNCED).when(new RecordStateFileMissing("s1")).expectEventsMatching(only(StateFileMissing.class));
        fixture.given(SYNCED, new StateFileMissing("s1", "b1", "prod/terraform.tfstate", Instant.EPOCH))
                .when(new RecordStateFileMissing("s1")).expectNoEvents();
        fixture.given(SYNCED, new StateFileMissing("s1", "b1", "prod/terraform.tfstate", Instant.EPOCH))
                .when(new SyncStateFile("s1", "b1", "prod/terraform.tfstate", 100, Instant.EPOCH, "sum-1", STATE, null))
                .expectEventsMatching(only(StateFileSynced.class));
    }

    @Test
    void theFirstLockWinsAndTheSecondSeesTheHolder() {
        fixture.given(SYNCED).when(new LockState("s1", ALICE)).expectEvents(new StateLocked("s1", ALICE))
                .expectResultMessagePayload(ALICE);
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new LockState("s1", BOB)).expectNoEvents()
                .expectException(StateLockedException.class)
                .expectException(matches(e -> ((StateLockedException) e).holder().equals(ALICE)));
        // the same lock again (a retried request) is not a conflict
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new LockState("s1", ALICE)).expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void unlockNeedsTheLockIdUnlessForced() {
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new UnlockState("s1", "L2", false))
                .expectNoEvents().expectException(StateLockedException.class);
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new UnlockState("s1", "L1", false))
                .expectEventsMatching(only(StateUnlocked.class));
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new UnlockState("s1", null, true))
                .expectEventsMatching(one(p -> p instanceof StateUnlocked u && u.forced() && u.lockId().equals("L1")));
        fixture.given(SYNCED).when(new UnlockState("s1", "L1", false)).expectNoEvents()
                .expectException(matches(e -> e instanceof RuleViolation v && StateFile.NOT_LOCKED_FIELD.equals(v.field())));
    }

    @Test
    void terraformsLockIsRecordedAndForceUnlockClearsIt() {
        LockInfo terraform = lock("tf-1", "someone@laptop");
        fixture.given(SYNCED).when(new RecordExternalLock("s1", terraform)).expectEventsMatching(only(ExternalLockObserved.class));
        fixture.given(SYNCED, new ExternalLockObserved("s1", terraform, Instant.EPOCH)).when(new RecordExternalLock("s1", terraform))
                .expectNoEvents();
        fixture.given(SYNCED, new ExternalLockObserved("s1", terraform, Instant.EPOCH)).when(new RecordExternalLock("s1", null))
                .expectEventsMatching(only(ExternalLockCleared.class));
        // our own lock file is not someone else's lock
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new RecordExternalLock("s1", ALICE)).expectNoEvents();
        fixture.given(SYNCED, new ExternalLockObserved("s1", terraform, Instant.EPOCH)).when(new UnlockState("s1", null, true))
                .expectEventsMatching(only(ExternalLockCleared.class));
        // an edit while Terraform holds the lock names Terraform's lock
        fixture.given(SYNCED, new ExternalLockObserved("s1", terraform, Instant.EPOCH))
                .when(new RemoveStateResource("s1", "L1", "aws_instance.web")).expectNoEvents()
                .expectException(matches(e -> e instanceof StateLockedException s && s.holder().equals(terraform)));
    }

    @Test
    void editsNeedTheHoldersLockAndAnswerTheNextSerial() {
        fixture.given(SYNCED).when(new ImportStateResource("s1", "L1", "aws_s3_bucket", "logs", "my-logs"))
                .expectNoEvents().expectException(RuleViolation.class);
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new ImportStateResource("s1", "L2", "aws_s3_bucket", "logs", "my-logs"))
                .expectNoEvents().expectException(StateLockedException.class);
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new ImportStateResource("s1", "L1", "aws_s3_bucket", "logs", "my-logs"))
                .expectEventsMatching(one(p -> p instanceof StateResourceImported e
                        && e.state().serial() == STATE.serial() + 1 && e.state().lineage().equals("lin-1")
                        && e.checksum().equals(TerraformStates.checksum(TerraformStates.write(e.state())))
                        && e.address().equals("aws_s3_bucket.logs")))
                .expectResultMessagePayloadMatching(matches(p -> ((TerraformState) p).find("aws_s3_bucket.logs").isPresent()));
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new MoveStateResource("s1", "L1", "aws_instance.web", "aws_instance.api"))
                .expectEventsMatching(only(StateResourceMoved.class));
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new RemoveStateResource("s1", "L1", "aws_instance.web"))
                .expectEventsMatching(only(StateResourceRemoved.class));
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new RemoveStateResource("s1", "L1", "aws_instance.nope"))
                .expectNoEvents().expectException(matches(e -> e instanceof RuleViolation v && v.kind() == RuleViolation.Kind.NOT_FOUND));
        fixture.given(SYNCED, new StateLocked("s1", ALICE)).when(new ImportStateResource("s1", "L1", "aws_instance", "web", "i-9"))
                .expectNoEvents().expectException(matches(e -> e instanceof RuleViolation v && v.kind() == RuleViolation.Kind.CONFLICT));
    }

    @Test
    void theStateIdIsStablePerBackendAndPath() {
        assertThat(StateMessages.stateId("b1", "a.tfstate")).isEqualTo(StateMessages.stateId("b1", "a.tfstate"))
                .isNotEqualTo(StateMessages.stateId("b2", "a.tfstate"));
    }
}
