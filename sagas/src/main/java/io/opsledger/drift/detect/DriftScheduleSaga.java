package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.ConfigureDriftSchedule;
import io.opsledger.drift.api.DriftDetectionMessages.DriftScheduleConfigured;
import io.opsledger.scheduling.RecurringDeadlineSaga;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Scheduled drift detection: one saga for the schedule (interval from configuration,
 * {@code opsledger.drift.detection-interval}). A changed interval cancels the pending deadline and,
 * unless it is 0, schedules the next one an interval from now; a due deadline triggers a detection
 * of every state as user {@value #TRIGGERED_BY} (skipped while one is pending or running) and
 * schedules the next. Deadlines are persistent (db-scheduler): they survive restarts and fire on
 * one node.
 */
public class DriftScheduleSaga extends RecurringDeadlineSaga {

    public static final String DEADLINE = "drift.scheduled-detection";
    public static final String TRIGGERED_BY = "scheduler";
    private static final Logger log = LoggerFactory.getLogger(DriftScheduleSaga.class);

    /** What a deadline carries: the interval it was scheduled under and when it is due. */
    public record DetectionDue(long intervalSeconds, Instant dueAt) {}

    private long intervalSeconds;

    @StartSaga
    @SagaEventHandler(associationProperty = "scheduleId")
    public void on(DriftScheduleConfigured event, DeadlineManager deadlines) {
        cancel(deadlines);
        intervalSeconds = Math.max(0, event.intervalSeconds());
        if (intervalSeconds > 0) {
            schedule(deadlines, now().plusSeconds(intervalSeconds));
        }
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(DetectionDue due, ScheduledDriftTrigger trigger, DeadlineManager deadlines) {
        if (intervalSeconds <= 0 || due.intervalSeconds() != intervalSeconds || !takeIfPending(due.dueAt())) {
            log.info("scheduled drift detection due at {} is no longer wanted", due.dueAt());
            return;
        }
        try {
            trigger.triggerAll(TRIGGERED_BY).ifPresentOrElse(
                    job -> log.info("scheduled drift detection started job {}", job),
                    () -> log.info("scheduled drift detection skipped: a detection is already pending or running"));
        } catch (RuntimeException e) {
            log.warn("scheduled drift detection could not be started", e);
        }
        Instant next = due.dueAt().plus(Duration.ofSeconds(intervalSeconds));
        Instant now = now();
        schedule(deadlines, next.isAfter(now) ? next : now.plusSeconds(intervalSeconds));
    }

    private void schedule(DeadlineManager deadlines, Instant at) {
        schedule(deadlines, DEADLINE, at, new DetectionDue(intervalSeconds, at));
        log.info("next scheduled drift detection at {}", at);
    }

    private void cancel(DeadlineManager deadlines) { cancel(deadlines, DEADLINE); }

    // ---- state, for the saga serializer

    public long getIntervalSeconds() { return intervalSeconds; }

    public void setIntervalSeconds(long intervalSeconds) { this.intervalSeconds = intervalSeconds; }

    /** Every start tells the schedule the configured interval; only a change reschedules. */
    public static void configure(CommandGateway commands, long intervalSeconds) {
        try {
            commands.sendAndWait(new ConfigureDriftSchedule(DriftDetectionMessages.SCHEDULE_ID, intervalSeconds));
        } catch (RuntimeException e) {
            // another node configured it at the same moment; its event stands
            log.info("drift schedule not configured here: {}", e.toString());
        }
    }

    /** {@code opsledger.drift.detection-interval}: an ISO-8601 duration (PT6H) or plain seconds; empty or 0: off. */
    public static long intervalSeconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim();
        try {
            long seconds = v.matches("\\d+") ? Long.parseLong(v) : Duration.parse(v).getSeconds();
            if (seconds < 0) {
                throw new IllegalArgumentException("opsledger.drift.detection-interval must not be negative: " + value);
            }
            return seconds;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("opsledger.drift.detection-interval is neither seconds nor an ISO-8601 duration: "
                    + value, e);
        }
    }
}
