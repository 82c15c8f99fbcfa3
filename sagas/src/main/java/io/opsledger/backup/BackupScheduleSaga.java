package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages.BackupScheduleChanged;
import io.opsledger.backup.api.BackupMessages.BackupScheduleRemoved;
import io.opsledger.backup.api.BackupMessages.BackupsScheduled;
import io.opsledger.backup.api.BackupTimetable;
import io.opsledger.backup.api.RetentionPolicy;
import io.opsledger.scheduling.RecurringDeadlineSaga;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * A server's scheduled backups: one saga per server, one persistent deadline (db-scheduler) at the
 * timetable's next time. A due deadline starts a backup job with the schedule's retention policy
 * (skipped while one runs) and schedules the next time after it. Deadlines survive restarts and
 * fire on one node; one missed while every node was down fires once when a node starts, and the
 * next is then the timetable's next time after that moment, so missed runs are not repeated.
 */
public class BackupScheduleSaga extends RecurringDeadlineSaga {

    public static final String DEADLINE = "backup.scheduled-backup";
    private static final Logger log = LoggerFactory.getLogger(BackupScheduleSaga.class);

    /** What a deadline carries: the timetable it was scheduled under and when it is due. */
    public record BackupDue(String cronLine, Instant dueAt) {}

    private String serverId;
    private String day;
    private int hour;
    private int minute;
    private String retentionPolicy;

    @StartSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(BackupsScheduled event, DeadlineManager deadlines) {
        serverId = event.id();
        reschedule(event.timetable(), event.retention(), deadlines);
    }

    @SagaEventHandler(associationProperty = "id")
    public void on(BackupScheduleChanged event, DeadlineManager deadlines) {
        reschedule(event.timetable(), event.retention(), deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "id")
    public void on(BackupScheduleRemoved event, DeadlineManager deadlines) {
        cancel(deadlines, DEADLINE);
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(BackupDue due, ScheduledBackupTrigger trigger, DeadlineManager deadlines) {
        if (!due.cronLine().equals(timetable().cronLine()) || !takeIfPending(due.dueAt())) {
            log.info("scheduled backup of {} due at {} is no longer wanted", serverId, due.dueAt());
            return;
        }
        try {
            trigger.start(serverId, retentionPolicy).ifPresentOrElse(
                    job -> log.info("scheduled backup of {} started job {}", serverId, job),
                    () -> log.info("scheduled backup of {} skipped: a backup is running or the server is gone", serverId));
        } catch (RuntimeException e) {
            log.warn("scheduled backup of {} could not be started", serverId, e);
        }
        Instant now = now();
        schedule(timetable().nextAfter(due.dueAt().isAfter(now) ? due.dueAt() : now), deadlines);
    }

    private void reschedule(BackupTimetable timetable, RetentionPolicy retention, DeadlineManager deadlines) {
        cancel(deadlines, DEADLINE);
        day = timetable.day();
        hour = timetable.hour();
        minute = timetable.minute();
        retentionPolicy = retention.barmanPolicy();
        schedule(timetable.nextAfter(now()), deadlines);
    }

    private void schedule(Instant at, DeadlineManager deadlines) {
        schedule(deadlines, DEADLINE, at, new BackupDue(timetable().cronLine(), at));
        log.info("next scheduled backup of {} at {}", serverId, at);
    }

    private BackupTimetable timetable() { return new BackupTimetable(day, hour, minute); }

    // ---- state, for the saga serializer

    public String getServerId() { return serverId; }

    public void setServerId(String serverId) { this.serverId = serverId; }

    public String getDay() { return day; }

    public void setDay(String day) { this.day = day; }

    public int getHour() { return hour; }

    public void setHour(int hour) { this.hour = hour; }

    public int getMinute() { return minute; }

    public void setMinute(int minute) { this.minute = minute; }

    public String getRetentionPolicy() { return retentionPolicy; }

    public void setRetentionPolicy(String retentionPolicy) { this.retentionPolicy = retentionPolicy; }
}
