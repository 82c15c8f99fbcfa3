package io.opsledger.drift.detect;

import java.util.Optional;

/** Starts a detection over every state for the schedule; empty when one is already pending or running. */
public interface ScheduledDriftTrigger {

    Optional<String> triggerAll(String requestedBy);
}
