package io.opsledger.scheduling;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;

/**
 * A saga that keeps at most one pending persistent deadline: a recurring schedule. The deadline's
 * id and due time are saga state (kept through the getters and setters), so a changed schedule can
 * cancel it and a deadline that fires after its schedule changed can be recognised as stale.
 */
public abstract class RecurringDeadlineSaga {

    private String deadlineId;
    private Instant dueAt;

    protected void schedule(DeadlineManager deadlines, String deadlineName, Instant at, Object payload) {
        dueAt = at;
        deadlineId = deadlines.schedule(at, deadlineName, payload);
    }

    protected void cancel(DeadlineManager deadlines, String deadlineName) {
        if (deadlineId != null) {
            deadlines.cancelSchedule(deadlineName, deadlineId);
        }
        deadlineId = null;
        dueAt = null;
    }

    /** Whether a deadline due at {@code due} is the pending one; if so it is no longer pending. */
    protected boolean takeIfPending(Instant due) {
        if (due == null || !due.equals(dueAt)) {
            return false;
        }
        deadlineId = null;
        dueAt = null;
        return true;
    }

    protected boolean isPending() { return deadlineId != null; }

    /** Axon's clock, so tests can fix it. */
    protected static Instant now() { return GenericEventMessage.clock.instant(); }

    // ---- state, for the saga serializer

    public String getDeadlineId() { return deadlineId; }

    public void setDeadlineId(String deadlineId) { this.deadlineId = deadlineId; }

    public Instant getDueAt() { return dueAt; }

    public void setDueAt(Instant dueAt) { this.dueAt = dueAt; }
}
