package io.opsledger.audit;

import io.opsledger.audit.AuditQueries.AggregateHistory;
import io.opsledger.audit.AuditQueries.AuditEventView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;

import java.util.List;

/**
 * An aggregate's history read straight from the event store: the authoritative order, whatever
 * the projections say; each event redacted as the audit trail shows it.
 */
public class AuditHistory {

    private final EventStore events;
    private final AuditProjection audit;

    public AuditHistory(EventStore events, AuditProjection audit) {
        this.events = events;
        this.audit = audit;
    }

    @QueryHandler
    public List<AuditEventView> handle(AggregateHistory q) {
        return events.readEvents(q.aggregateId()).asStream()
                .filter(e -> !isSnapshot(e))
                .map(audit::view)
                .toList();
    }

    private static boolean isSnapshot(DomainEventMessage<?> message) {
        return message.getPayloadType().getSimpleName().equals(message.getType());
    }
}
