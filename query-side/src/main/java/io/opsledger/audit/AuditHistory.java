package io.opsledger.audit;

import io.opsledger.audit.AuditQueries.AggregateHistory;
import io.opsledger.audit.AuditQueries.AuditEventView;
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
        // from the first event: readEvents(id) would start at the latest snapshot (users have one every 100 events)
        return events.readEvents(q.aggregateId(), 0).asStream()
                .map(audit::view)
                .toList();
    }
}
