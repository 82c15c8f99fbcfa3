package io.opsledger.inventory;

import java.util.Optional;

/**
 * Starts a discovery of every active account for the schedule, under the same "one job at a time"
 * rule as the trigger endpoint (the platform keeps that rule in one place and implements this port).
 */
public interface ScheduledDiscoveryTrigger {

    /** The new job's id, or empty when a job is already PENDING or RUNNING (nothing was started). */
    Optional<String> triggerAll(String triggeredBy);
}
