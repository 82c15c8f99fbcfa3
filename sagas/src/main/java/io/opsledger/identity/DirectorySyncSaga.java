package io.opsledger.identity;

import io.opsledger.identity.api.DirectoryMessages.DirectorySettingsCleared;
import io.opsledger.identity.api.DirectoryMessages.DirectorySettingsSaved;
import io.opsledger.scheduling.RecurringDeadlineSaga;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Syncs the directory on a schedule while it is set up: one persistent deadline (db-scheduler) every
 * {@link DirectorySyncTrigger#interval()}, from saving the settings until they are reset. Deadlines
 * survive restarts and fire on one node; a sync that fails (the directory is down) is logged and the
 * next one is scheduled all the same.
 */
public class DirectorySyncSaga extends RecurringDeadlineSaga {

    public static final String DEADLINE = "identity.directory-sync";
    private static final Logger log = LoggerFactory.getLogger(DirectorySyncSaga.class);

    /** What a deadline carries: when it is due. */
    public record SyncDue(Instant dueAt) {}

    private String directoryId;

    @StartSaga
    @SagaEventHandler(associationProperty = "directoryId")
    public void on(DirectorySettingsSaved event, DirectorySyncTrigger trigger, DeadlineManager deadlines) {
        directoryId = event.directoryId();
        if (!isPending()) {
            scheduleNext(now(), trigger.interval(), deadlines);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "directoryId")
    public void on(DirectorySettingsCleared event, DeadlineManager deadlines) {
        cancel(deadlines, DEADLINE);
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(SyncDue due, DirectorySyncTrigger trigger, DeadlineManager deadlines) {
        if (!takeIfPending(due.dueAt())) {
            return;
        }
        try {
            trigger.sync();
        } catch (RuntimeException e) {
            log.warn("scheduled directory sync failed: {}", e.getMessage());
        }
        // counted from when it was due, or from now if it fired late (after a restart): never in the past
        Instant now = now();
        scheduleNext(due.dueAt().isAfter(now) ? due.dueAt() : now, trigger.interval(), deadlines);
    }

    private void scheduleNext(Instant from, Duration interval, DeadlineManager deadlines) {
        if (interval.isZero() || interval.isNegative()) {
            log.info("scheduled directory syncs are off (OPSLEDGER_LDAP_SYNC_INTERVAL)");
            return;
        }
        Instant at = from.plus(interval);
        schedule(deadlines, DEADLINE, at, new SyncDue(at));
    }

    // ---- state, for the saga serializer

    public String getDirectoryId() { return directoryId; }

    public void setDirectoryId(String directoryId) { this.directoryId = directoryId; }
}
