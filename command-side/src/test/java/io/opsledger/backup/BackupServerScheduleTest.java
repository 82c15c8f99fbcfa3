package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages.*;
import io.opsledger.backup.api.BackupTimetable;
import io.opsledger.backup.api.RetentionPolicy;
import io.opsledger.common.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server's one schedule, and the contract's timetable and retention lines. */
class BackupServerScheduleTest {

    private static final String ID = "barman-server:u1:nfs:orders";
    private static final BackupServerConfigured CONFIGURED = new BackupServerConfigured(ID, "u1", "nfs", "orders",
            new ServerConnection("127.0.0.1", 5432, "postgres", null, null));
    private static final BackupTimetable SUNDAYS = BackupTimetable.of("Sunday", "2", "30");
    private static final RetentionPolicy WEEK = RetentionPolicy.parse("7d");

    private final AggregateTestFixture<BackupServer> fixture = new AggregateTestFixture<>(BackupServer.class);

    @Test
    void aServerRegisteredFromAClusterNamesItInItsEvent() {
        ServerConnection connection = new ServerConnection("10.1.1.23", 5432, "orders", null, null);
        fixture.givenNoPriorActivity()
                .when(new ConfigureBackupServer(ID, "u1", "nfs", "orders", connection, "dbaas-cluster-4"))
                .expectEvents(new BackupServerConfigured(ID, "u1", "nfs", "orders", connection, "dbaas-cluster-4"));
        fixture.givenNoPriorActivity().when(new ConfigureBackupServer(ID, "u1", "nfs", "orders", connection))
                .expectEvents(new BackupServerConfigured(ID, "u1", "nfs", "orders", connection, null));
    }

    @Test
    void aServerHasOneScheduleASecondIsAConflict() {
        fixture.given(CONFIGURED).when(new ScheduleBackups(ID, SUNDAYS, WEEK)).expectEvents(new BackupsScheduled(ID, SUNDAYS, WEEK));
        fixture.given(CONFIGURED, new BackupsScheduled(ID, SUNDAYS, WEEK))
                .when(new ScheduleBackups(ID, SUNDAYS, WEEK))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A cron job already exists for server 'orders'.");
        fixture.given(CONFIGURED, new BackupsScheduled(ID, SUNDAYS, WEEK), new BackupScheduleRemoved(ID))
                .when(new ScheduleBackups(ID, SUNDAYS, WEEK))
                .expectEvents(new BackupsScheduled(ID, SUNDAYS, WEEK));
    }

    @Test
    void changingOrRemovingWithoutAScheduleIsNotFound() {
        fixture.given(CONFIGURED).when(new ChangeBackupSchedule(ID, SUNDAYS, WEEK)).expectException(RuleViolation.class)
                .expectExceptionMessage("No backup is scheduled for server 'orders'.");
        fixture.given(CONFIGURED).when(new RemoveBackupSchedule(ID)).expectException(RuleViolation.class);
    }

    @Test
    void aSecondBackupWhileOneRunsIsAConflict() {
        fixture.given(CONFIGURED, new BackupStarted(ID, "j1", null, null))
                .when(new StartBackup(ID, "j2", null, null))
                .expectException(RuleViolation.class);
        fixture.given(CONFIGURED, new BackupStarted(ID, "j1", null, null),
                        new BackupCompleted(ID, "j1", "20260308T023000", 1, "a", "b", 5))
                .when(new StartBackup(ID, "j2", null, null))
                .expectEvents(new BackupStarted(ID, "j2", null, null));
    }

    @Test
    void progressIsRecordedForTheRunningJobOnly() {
        fixture.given(CONFIGURED, new BackupStarted(ID, "j1", null, null))
                .when(new RecordBackupProgress(ID, "j1", 1_000, 40))
                .expectEvents(new BackupProgressed(ID, "j1", 1_000, 40));
        fixture.given(CONFIGURED, new BackupStarted(ID, "j1", null, null), new BackupFailed(ID, "j1", "refused"))
                .when(new RecordBackupProgress(ID, "j1", 2_000, null))
                .expectNoEvents();
    }

    @Test
    void timetablesAreTheContractsCronLines() {
        assertThat(SUNDAYS.cronLine()).isEqualTo("30 2 * * 0");
        assertThat(BackupTimetable.of(null, null, null).cronLine()).isEqualTo("0 0 * * *");
        assertThat(BackupTimetable.of("monday", "0", "0").cronLine()).isEqualTo("0 0 * * 1");
        assertThat(BackupTimetable.of("31", "4", "15").cronLine()).isEqualTo("15 4 31 * *");
        // a month without a 31st is skipped, as cron does
        assertThat(BackupTimetable.of("31", "4", "15").nextAfter(Instant.parse("2026-04-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-31T04:15:00Z"));
        assertThat(SUNDAYS.nextAfter(Instant.parse("2026-03-08T02:30:00Z"))).isEqualTo(Instant.parse("2026-03-15T02:30:00Z"));
        for (String[] bad : List.of(new String[] {"32", "0", "0"}, new String[] {"Funday", "0", "0"},
                new String[] {null, "24", "0"}, new String[] {null, "0", "60"}, new String[] {null, "two", "0"})) {
            assertThatThrownBy(() -> BackupTimetable.of(bad[0], bad[1], bad[2])).isInstanceOf(RuleViolation.class);
        }
    }

    @Test
    void retentionLinesBecomeOneBarmanPolicyTheWidestWindowWins() {
        assertThat(RetentionPolicy.parse("7d").barmanPolicy()).isEqualTo("RECOVERY WINDOW OF 7 DAYS");
        assertThat(RetentionPolicy.parse("7d").shown()).isEqualTo("7 DAYS");
        // the contract's curl example sends a literal backslash-n between the lines
        RetentionPolicy lines = RetentionPolicy.parse("7d\\n30d\\n365d");
        assertThat(lines.lines()).containsExactly("7d", "30d", "365d");
        assertThat(lines.barmanPolicy()).isEqualTo("RECOVERY WINDOW OF 365 DAYS");
        assertThat(RetentionPolicy.parse("7d\n1m\n-1").barmanPolicy()).isEqualTo("RECOVERY WINDOW OF 1 MONTHS");
        assertThat(RetentionPolicy.parse("3m\n1y").barmanPolicy()).isEqualTo("RECOVERY WINDOW OF 1 YEARS");
        assertThat(RetentionPolicy.parse("1").barmanPolicy()).isEqualTo("REDUNDANCY 1");
        assertThat(RetentionPolicy.parse("-1").barmanPolicy()).isNull();
        assertThat(RetentionPolicy.parse("-1").shown()).isEqualTo("disabled");
        for (String bad : List.of("", "7x", "0d", "seven days", "-2")) {
            assertThatThrownBy(() -> RetentionPolicy.parse(bad)).isInstanceOf(RuleViolation.class);
        }
    }
}
