package io.opsledger.backup;

import io.opsledger.backup.BackupScheduleSaga.BackupDue;
import io.opsledger.backup.api.BackupMessages.BackupScheduleChanged;
import io.opsledger.backup.api.BackupMessages.BackupScheduleRemoved;
import io.opsledger.backup.api.BackupMessages.BackupsScheduled;
import io.opsledger.backup.api.BackupTimetable;
import io.opsledger.backup.api.RetentionPolicy;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of a server's backup schedule, with the backup trigger played by the test. */
class BackupScheduleSagaTest {

    /** A Friday. */
    private static final Instant T0 = Instant.parse("2026-03-06T10:00:00Z");
    private static final String SERVER = "barman-server:u1:nfs:orders";
    private static final RetentionPolicy WEEK = RetentionPolicy.parse("7d");

    private final List<String> started = new ArrayList<>();
    private boolean running;
    private SagaTestFixture<BackupScheduleSaga> fixture;
    private Clock clock;

    @BeforeEach
    void setUp() {
        clock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(T0, ZoneOffset.UTC);
        fixture = new SagaTestFixture<>(BackupScheduleSaga.class);
        fixture.registerResource((ScheduledBackupTrigger) (serverId, policy) -> {
            started.add(serverId + " " + policy);
            return running ? Optional.empty() : Optional.of("job-" + started.size());
        });
        fixture.givenCurrentTime(T0);
    }

    @AfterEach
    void restoreClock() { GenericEventMessage.clock = clock; }

    private static BackupDue due(String cron, Instant at) { return new BackupDue(cron, at); }

    @Test
    void sundaysAtHalfPastTwoIsADeadlineAtTheNextSunday() {
        Instant sunday = Instant.parse("2026-03-08T02:30:00Z");
        fixture.givenNoPriorActivity()
                .whenPublishingA(new BackupsScheduled(SERVER, BackupTimetable.of("Sunday", "2", "30"), WEEK))
                .expectActiveSagas(1)
                .expectScheduledDeadline(Duration.between(T0, sunday), due("30 2 * * 0", sunday))
                .expectNoDispatchedCommands();
        assertThat(started).isEmpty();
    }

    @Test
    void aDueDeadlineStartsABackupWithTheRetentionPolicyAndSchedulesTheNextWeek() {
        Instant sunday = Instant.parse("2026-03-08T02:30:00Z");
        fixture.givenAPublished(new BackupsScheduled(SERVER, BackupTimetable.of("sun", "2", "30"), WEEK))
                .whenTimeAdvancesTo(sunday)
                .expectTriggeredDeadlines(due("30 2 * * 0", sunday))
                .expectScheduledDeadline(Duration.ofDays(7), due("30 2 * * 0", sunday.plus(Duration.ofDays(7))));
        assertThat(started).containsExactly(SERVER + " RECOVERY WINDOW OF 7 DAYS");
    }

    @Test
    void aSkippedRunStillSchedulesTheNextOne() {
        running = true;
        Instant tomorrow = Instant.parse("2026-03-07T00:00:00Z");
        fixture.givenAPublished(new BackupsScheduled(SERVER, BackupTimetable.of(null, null, null), RetentionPolicy.parse("-1")))
                .whenTimeAdvancesTo(tomorrow)
                .expectTriggeredDeadlines(due("0 0 * * *", tomorrow))
                .expectScheduledDeadline(Duration.ofDays(1), due("0 0 * * *", tomorrow.plus(Duration.ofDays(1))));
        assertThat(started).containsExactly(SERVER + " null");
    }

    @Test
    void aChangedTimetableReplacesThePendingDeadline() {
        Instant fifteenth = Instant.parse("2026-03-15T23:05:00Z");
        fixture.givenAPublished(new BackupsScheduled(SERVER, BackupTimetable.of("Sunday", "2", "30"), WEEK))
                .whenPublishingA(new BackupScheduleChanged(SERVER, BackupTimetable.of("15", "23", "5"), RetentionPolicy.parse("1")))
                .expectScheduledDeadline(Duration.between(T0, fifteenth), due("5 23 15 * *", fifteenth))
                .expectNoScheduledDeadlineMatching(deadlineWith("30 2 * * 0"));
    }

    @Test
    void aRemovedScheduleEndsWithNothingPending() {
        fixture.givenAPublished(new BackupsScheduled(SERVER, BackupTimetable.of("Sunday", "2", "30"), WEEK))
                .whenPublishingA(new BackupScheduleRemoved(SERVER))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void daysMissedWhileEveryNodeWasDownRunOnceAndTheNextRunIsInTheFuture() {
        Instant saturday = Instant.parse("2026-03-07T00:00:00Z");
        Instant wednesday = Instant.parse("2026-03-11T09:00:00Z");
        var given = fixture.givenAPublished(new BackupsScheduled(SERVER, BackupTimetable.of(null, null, null), WEEK));
        // the nodes come back on Wednesday morning: Saturday's deadline fires then, once
        GenericEventMessage.clock = Clock.fixed(wednesday, ZoneOffset.UTC);
        given.whenTimeAdvancesTo(wednesday)
                .expectTriggeredDeadlines(due("0 0 * * *", saturday))
                .expectScheduledDeadline(Duration.ofHours(15), due("0 0 * * *", Instant.parse("2026-03-12T00:00:00Z")));
        assertThat(started).hasSize(1);
    }

    private static org.hamcrest.Matcher<org.axonframework.deadline.DeadlineMessage<?>> deadlineWith(String cron) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(org.axonframework.deadline.DeadlineMessage<?> message) {
                return message.getPayload() instanceof BackupDue d && d.cronLine().equals(cron);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) { description.appendText("a deadline for " + cron); }
        };
    }
}
