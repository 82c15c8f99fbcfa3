package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.ConfigureDriftSchedule;
import io.opsledger.drift.api.DriftDetectionMessages.DriftScheduleConfigured;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class DriftScheduleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void onlyAChangedIntervalIsAnEvent() {
        AggregateTestFixture<DriftSchedule> fixture = new AggregateTestFixture<>(DriftSchedule.class);
        fixture.registerIgnoredField(DriftScheduleConfigured.class, "configuredAt");
        fixture.givenNoPriorActivity()
                .when(new ConfigureDriftSchedule("s", 3600))
                .expectEvents(new DriftScheduleConfigured("s", 3600, T0));
        fixture.given(new DriftScheduleConfigured("s", 3600, T0))
                .when(new ConfigureDriftSchedule("s", 3600))
                .expectNoEvents();
        fixture.given(new DriftScheduleConfigured("s", 3600, T0))
                .when(new ConfigureDriftSchedule("s", 0))
                .expectEvents(new DriftScheduleConfigured("s", 0, T0));
    }
}
