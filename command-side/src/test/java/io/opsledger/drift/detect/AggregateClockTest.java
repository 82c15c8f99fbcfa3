package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.ConfigureDriftSchedule;
import io.opsledger.drift.api.DriftDetectionMessages.DriftScheduleConfigured;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/**
 * Aggregates read the time from Axon's clock ({@code GenericEventMessage.clock}), which a fixture
 * sets: the time in an event is the fixture's, so events compare exactly, times included.
 */
class AggregateClockTest {

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void anEventsTimeIsTheFixturesClock() {
        AggregateTestFixture<DriftSchedule> fixture = new AggregateTestFixture<>(DriftSchedule.class);
        fixture.givenCurrentTime(T0)
                .when(new ConfigureDriftSchedule("s", 3600))
                .expectEvents(new DriftScheduleConfigured("s", 3600, T0));
        fixture.given(new DriftScheduleConfigured("s", 3600, T0))
                .andGivenCurrentTime(T0.plus(Duration.ofHours(2)))
                .when(new ConfigureDriftSchedule("s", 60))
                .expectEvents(new DriftScheduleConfigured("s", 60, T0.plus(Duration.ofHours(2))));
    }
}
