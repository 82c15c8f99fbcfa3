package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.DriftScheduleConfigured;
import io.opsledger.drift.detect.DriftScheduleSaga.DetectionDue;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DriftScheduleSagaTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String ID = DriftDetectionMessages.SCHEDULE_ID;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private SagaTestFixture<DriftScheduleSaga> fixture;
    private Clock clock;

    @BeforeEach
    void setUp() {
        clock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(T0, ZoneOffset.UTC);
        fixture = new SagaTestFixture<>(DriftScheduleSaga.class);
        fixture.registerResource((ScheduledDriftTrigger) by -> {
            calls.add(by);
            return Optional.of("job-" + calls.size());
        });
        fixture.givenCurrentTime(T0);
    }

    @AfterEach
    void restoreClock() { GenericEventMessage.clock = clock; }

    @Test
    void anIntervalSchedulesADeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new DriftScheduleConfigured(ID, 3600, T0))
                .expectActiveSagas(1)
                .expectScheduledDeadline(Duration.ofHours(1), new DetectionDue(3600, T0.plusSeconds(3600)))
                .expectNoDispatchedCommands();
    }

    @Test
    void zeroSchedulesNothingAndCancelsThePendingOne() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new DriftScheduleConfigured(ID, 0, T0))
                .expectNoScheduledDeadlines();
        fixture.givenAPublished(new DriftScheduleConfigured(ID, 3600, T0))
                .whenPublishingA(new DriftScheduleConfigured(ID, 0, T0))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDueDeadlineTriggersADetectionAndSchedulesTheNext() {
        Instant first = T0.plusSeconds(600);
        fixture.givenAPublished(new DriftScheduleConfigured(ID, 600, T0))
                .whenTimeElapses(Duration.ofSeconds(600))
                .expectTriggeredDeadlines(new DetectionDue(600, first))
                .expectScheduledDeadline(Duration.ofSeconds(600), new DetectionDue(600, first.plusSeconds(600)));
        assertThat(calls).containsExactly(DriftScheduleSaga.TRIGGERED_BY);
    }

    @Test
    void aChangedIntervalReplacesTheDeadline() {
        fixture.givenAPublished(new DriftScheduleConfigured(ID, 600, T0))
                .whenPublishingA(new DriftScheduleConfigured(ID, 7200, T0))
                .expectNoScheduledDeadline(Duration.ofSeconds(600), new DetectionDue(600, T0.plusSeconds(600)))
                .expectScheduledDeadline(Duration.ofSeconds(7200), new DetectionDue(7200, T0.plusSeconds(7200)));
    }
}
