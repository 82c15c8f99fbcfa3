package io.opsledger.drift.detect;

import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

class DriftDetectionJobTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private AggregateTestFixture<DriftDetectionJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DriftDetectionJob.class);
        fixture.registerIgnoredField(DriftDetectionRequested.class, "requestedAt");
        fixture.registerIgnoredField(DriftDetectionStarted.class, "startedAt");
        fixture.registerIgnoredField(DriftResultsRecorded.class, "recordedAt");
        fixture.registerIgnoredField(DriftDetectionCompleted.class, "completedAt");
        fixture.registerIgnoredField(DriftDetectionFailed.class, "completedAt");
        fixture.registerIgnoredField(DriftResultDeleted.class, "deletedAt");
    }

    private static DriftDetectionRequested requested() {
        return new DriftDetectionRequested("j1", "s1", null, true, true, "alice", T0);
    }

    private static ResourceDriftResult result(String id) {
        return new ResourceDriftResult(id, "r-" + id, "s1", "aws_instance.web", "aws_instance", "web", "i-1", "us-east-1",
                "present", "active", List.of(new AttributeDrift("instance_type", "t3.micro", "t3.small", "medium")), 0,
                Map.of("instance_type", "t3.small"), Map.of(), "running", T0);
    }

    @Test
    void aRequestMakesAPendingJobAndNeedsARequester() {
        fixture.givenNoPriorActivity()
                .when(new RequestDriftDetection("j1", "s1", "", true, true, "alice"))
                .expectEvents(requested());
        fixture.givenNoPriorActivity()
                .when(new RequestDriftDetection("j1", "s1", null, true, true, " "))
                .expectException(RuleViolation.class);
    }

    @Test
    void startRecordCompleteWithProgress() {
        fixture.given(requested())
                .when(new StartDriftDetection("j1", 4))
                .expectEvents(new DriftDetectionStarted("j1", 4, T0));
        fixture.given(requested(), new DriftDetectionStarted("j1", 4, T0))
                .when(new RecordDriftResults("j1", List.of(result("a")), 1))
                .expectEvents(new DriftResultsRecorded("j1", List.of(result("a")), 1, 4, 25, T0));
        fixture.given(requested(), new DriftDetectionStarted("j1", 4, T0))
                .when(new CompleteDriftDetection("j1", 4, 1, 1, Map.of("medium", 1), 0, 0, List.of("done")))
                .expectEvents(new DriftDetectionCompleted("j1", "s1", null, 4, 1, 1,
                        Map.of("critical", 0, "high", 0, "medium", 1, "low", 0), 0, 0, List.of("done"), T0));
    }

    @Test
    void aRedeliveredStartIsIgnoredAndEndedJobsRefuseMore() {
        fixture.given(requested(), new DriftDetectionStarted("j1", 4, T0))
                .when(new StartDriftDetection("j1", 4))
                .expectNoEvents();
        fixture.given(requested(), new DriftDetectionStarted("j1", 4, T0), new DriftDetectionFailed("j1", "x", T0))
                .when(new RecordDriftResults("j1", List.of(result("a")), 1))
                .expectException(RuleViolation.class);
        fixture.given(requested())
                .when(new CompleteDriftDetection("j1", 0, 0, 0, Map.of(), 0, 0, List.of()))
                .expectException(RuleViolation.class);
    }

    @Test
    void aPendingOrRunningJobCanFail() {
        fixture.given(requested())
                .when(new FailDriftDetection("j1", null))
                .expectEvents(new DriftDetectionFailed("j1", "Drift detection failed.", T0));
    }

    @Test
    void aResultIsDeletedOnce() {
        fixture.given(requested(), new DriftDetectionStarted("j1", 1, T0))
                .when(new DeleteDriftResult("j1", "a", "admin"))
                .expectEvents(new DriftResultDeleted("j1", "a", "admin", T0));
        fixture.given(requested(), new DriftDetectionStarted("j1", 1, T0), new DriftResultDeleted("j1", "a", "admin", T0))
                .when(new DeleteDriftResult("j1", "a", "admin"))
                .expectException(RuleViolation.class);
    }
}
