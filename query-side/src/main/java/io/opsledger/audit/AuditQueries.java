package io.opsledger.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public final class AuditQueries {
    private AuditQueries() {}

    /** Every filter is optional; newest first. {@code user} matches a user id or a username. */
    public record SearchAuditEvents(String aggregateId, String aggregateType, String eventType, String user,
                                    Instant from, Instant to, int page, int pageSize) {}

    /** An aggregate's events, oldest first, straight from the event store (see {@link AuditHistory}). */
    public record AggregateHistory(String aggregateId) {}

    public record AuditEventView(String eventId, Instant timestamp, String aggregateId, String aggregateType,
                                 long sequenceNumber, String eventType, Map<String, Object> payload,
                                 Map<String, Object> metadata) {}

    public record AuditPage(long count, List<AuditEventView> results) {}
}
