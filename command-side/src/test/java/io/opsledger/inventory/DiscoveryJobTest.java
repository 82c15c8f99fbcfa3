package io.opsledger.inventory;

import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class DiscoveryJobTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private AggregateTestFixture<DiscoveryJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DiscoveryJob.class);
        fixture.registerIgnoredField(DiscoveryJobCreated.class, "createdAt");
        fixture.registerIgnoredField(DiscoveryJobStarted.class, "startedAt");
        fixture.registerIgnoredField(DiscoveryJobCompleted.class, "completedAt");
        fixture.registerIgnoredField(DiscoveryJobCompleted.class, "durationSeconds");
        fixture.registerIgnoredField(DiscoveryJobFailed.class, "completedAt");
        fixture.registerIgnoredField(DiscoveryJobFailed.class, "durationSeconds");
    }

    private static DiscoveryJobCreated created() { return new DiscoveryJobCreated("j1", "acc-1", "Production", "admin", T0); }

    private static DiscoveryJobStarted started() { return new DiscoveryJobStarted("j1", List.of("acc-1"), T0); }

    @Test
    void aTriggerCreatesAPendingJob() {
        fixture.givenNoPriorActivity()
                .when(new TriggerDiscovery("j1", "acc-1", "Production", "admin"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void aTriggerNeedsWhoTriggeredIt() {
        fixture.givenNoPriorActivity().when(new TriggerDiscovery("j1", null, "", " "))
                .expectException(RuleViolation.class);
    }

    @Test
    void aPendingJobStartsOnceAndThenRuns() {
        fixture.given(created()).when(new StartDiscoveryJob("j1", List.of("acc-1")))
                .expectEvents(started());
        fixture.given(created(), started()).when(new StartDiscoveryJob("j1", List.of("acc-1")))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void progressIsRecordedOnlyWhileRunning() {
        fixture.given(created(), started())
                .when(new RecordDiscoveryProgress("j1", "Production", "us-east-1", 12, List.of("EC2 in us-east-1: 12")))
                .expectEvents(new DiscoveryProgressed("j1", "Production", "us-east-1", 12, List.of("EC2 in us-east-1: 12")));
        fixture.given(created())
                .when(new RecordDiscoveryProgress("j1", "Production", "us-east-1", 12, List.of()))
                .expectException(RuleViolation.class);
    }

    @Test
    void aRunningJobCompletesWithItsCounters() {
        fixture.given(created(), started())
                .when(new CompleteDiscoveryJob("j1", 80, 5, 75, 2, List.of("done")))
                .expectEvents(new DiscoveryJobCompleted("j1", List.of("acc-1"), 80, 5, 75, 2, List.of("done"), T0, 0));
    }

    @Test
    void anEndedJobNeitherCompletesNorFailsAgain() {
        DiscoveryJobCompleted completed = new DiscoveryJobCompleted("j1", List.of("acc-1"), 1, 1, 0, 0, List.of(), T0, 0);
        fixture.given(created(), started(), completed)
                .when(new CompleteDiscoveryJob("j1", 1, 1, 0, 0, List.of())).expectException(RuleViolation.class);
        fixture.given(created(), started(), completed)
                .when(new FailDiscoveryJob("j1", "boom", List.of())).expectException(RuleViolation.class);
        fixture.given(created(), started(), completed)
                .when(new StartDiscoveryJob("j1", List.of())).expectException(RuleViolation.class);
    }

    @Test
    void aPendingOrRunningJobCanFail() {
        fixture.given(created()).when(new FailDiscoveryJob("j1", "No accounts to discover.", List.of()))
                .expectEvents(new DiscoveryJobFailed("j1", "No accounts to discover.", List.of(), T0, 0));
        fixture.given(created(), started()).when(new FailDiscoveryJob("j1", "", List.of("x")))
                .expectEvents(new DiscoveryJobFailed("j1", "Discovery failed.", List.of("x"), T0, 0));
    }
}
