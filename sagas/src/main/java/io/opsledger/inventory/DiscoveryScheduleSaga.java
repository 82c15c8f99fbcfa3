package io.opsledger.inventory;

import io.opsledger.identity.api.SiteSettingsMessages.SiteSettingsUpdated;
import io.opsledger.scheduling.RecurringDeadlineSaga;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Scheduled discovery (site settings' discovery_interval): one saga for the site, associated by the
 * settings' fixed id. When the interval changes, the pending deadline is cancelled and, unless the
 * interval is "disabled", the next one is scheduled (daily: 24 hours, weekly: 7 days, monthly: one
 * calendar month, UTC). When a deadline is due, a discovery of all accounts is triggered as user
 * {@value #TRIGGERED_BY} (skipped, and logged, while a job is active) and the next one is scheduled.
 *
 * <p>Deadlines go through the persistent {@link DeadlineManager}, so a schedule survives restarts
 * and fires on one node only. The saga's state is kept through its getters and setters (and those
 * of {@link RecurringDeadlineSaga}).
 */
public class DiscoveryScheduleSaga extends RecurringDeadlineSaga {

    public static final String DEADLINE = "inventory.scheduled-discovery";
    public static final String TRIGGERED_BY = "scheduler";
    public static final String DISABLED = "disabled";

    private static final Logger log = LoggerFactory.getLogger(DiscoveryScheduleSaga.class);

    /** What a scheduled-discovery deadline carries: the interval it was scheduled for and when it is due. */
    public record DiscoveryDue(String interval, Instant dueAt) {}

    private String interval = DISABLED;

    @StartSaga
    @SagaEventHandler(associationProperty = "settingsId")
    public void on(SiteSettingsUpdated event, DeadlineManager deadlines) {
        String wanted = event.settings() == null || event.settings().discoveryInterval() == null
                ? DISABLED : event.settings().discoveryInterval();
        if (wanted.equals(interval) && (isPending() || DISABLED.equals(wanted))) {
            return; // another setting changed; the schedule stands
        }
        cancel(deadlines);
        interval = wanted;
        if (!DISABLED.equals(wanted)) {
            schedule(deadlines, next(wanted, now()));
        }
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(DiscoveryDue due, ScheduledDiscoveryTrigger trigger, DeadlineManager deadlines) {
        if (DISABLED.equals(interval) || !due.interval().equals(interval) || !takeIfPending(due.dueAt())) {
            log.info("scheduled discovery due at {} ({}) is no longer wanted", due.dueAt(), due.interval());
            return;
        }
        try {
            trigger.triggerAll(TRIGGERED_BY).ifPresentOrElse(
                    jobId -> log.info("scheduled discovery ({}) started job {}", interval, jobId),
                    () -> log.info("scheduled discovery ({}) skipped: a discovery job is already in progress", interval));
        } catch (RuntimeException e) {
            log.warn("scheduled discovery ({}) could not be started", interval, e);
        }
        Instant now = now();
        Instant next = next(interval, due.dueAt());
        schedule(deadlines, next.isAfter(now) ? next : next(interval, now));
    }

    /** The time one interval after {@code from}. */
    static Instant next(String interval, Instant from) {
        return switch (interval) {
            case "daily" -> from.plus(Duration.ofHours(24));
            case "weekly" -> from.plus(Duration.ofDays(7));
            case "monthly" -> from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
            default -> throw new IllegalArgumentException("not a discovery interval: " + interval);
        };
    }

    private void schedule(DeadlineManager deadlines, Instant at) {
        schedule(deadlines, DEADLINE, at, new DiscoveryDue(interval, at));
        log.info("next scheduled discovery ({}) at {}", interval, at);
    }

    private void cancel(DeadlineManager deadlines) { cancel(deadlines, DEADLINE); }

    // ---- state, for the saga serializer

    public String getInterval() { return interval; }

    public void setInterval(String interval) { this.interval = interval; }
}
