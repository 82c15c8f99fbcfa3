package io.opsledger.drift.detect;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.DriftDetectionMessages.ConfigureDriftSchedule;
import io.opsledger.drift.api.DriftDetectionMessages.DriftScheduleConfigured;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;


import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The drift detection schedule (one, id {@code SCHEDULE_ID}): its interval comes from configuration
 * at every start of every node; only a change is an event, so nodes starting with the same
 * configuration do not reschedule.
 */
@Aggregate(cache = AggregateCache.NAME)
public class DriftSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private Long intervalSeconds;

    protected DriftSchedule() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureDriftSchedule command) {
        if (command.intervalSeconds() < 0) {
            throw RuleViolation.invalid("interval", "Must not be negative.");
        }
        if (intervalSeconds != null && intervalSeconds == command.intervalSeconds()) {
            return;
        }
        apply(new DriftScheduleConfigured(command.scheduleId(), command.intervalSeconds(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(DriftScheduleConfigured event) {
        scheduleId = event.scheduleId();
        intervalSeconds = event.intervalSeconds();
    }
}
