package io.opsledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.opsledger.audit.AuditQueries.AuditEventView;
import io.opsledger.audit.AuditQueries.AuditPage;
import io.opsledger.audit.AuditQueries.SearchAuditEvents;
import io.opsledger.common.UserMaps;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** The audit trail: every event of every context, redacted, searchable by compliance staff. */
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = "projection.audit";
    private final MongoCollection<Document> events;
    private final ObjectMapper json;

    public AuditProjection(MongoDatabase db, ObjectMapper json) {
        this.events = db.getCollection("audit_events");
        this.json = json;
        events.createIndex(Indexes.descending("timestamp"));
        events.createIndex(Indexes.ascending("aggregateId", "sequenceNumber"));
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        Document doc = new Document("timestamp", Date.from(message.getTimestamp()))
                .append("eventType", message.getPayloadType().getSimpleName())
                .append("payloadType", message.getPayloadType().getName())
                .append("payload", toDocument(AuditRedaction.redact(json.valueToTree(payload))))
                .append("metadata", toDocument(AuditRedaction.redact(json.valueToTree(message.getMetaData()))));
        if (message instanceof DomainEventMessage<?> domain) {
            doc.append("aggregateId", domain.getAggregateIdentifier()).append("aggregateType", domain.getType())
                    .append("sequenceNumber", domain.getSequenceNumber());
        }
        events.replaceOne(Filters.eq("_id", message.getIdentifier()), doc, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() { events.deleteMany(new Document()); }

    @QueryHandler
    public AuditPage handle(SearchAuditEvents q) {
        List<Bson> filters = new ArrayList<>();
        if (q.aggregateId() != null) filters.add(Filters.eq("aggregateId", q.aggregateId()));
        if (q.aggregateType() != null) filters.add(Filters.eq("aggregateType", q.aggregateType()));
        if (q.eventType() != null) filters.add(Filters.eq("eventType", q.eventType()));
        if (q.user() != null) filters.add(Filters.or(Filters.eq("metadata.userId", q.user()), Filters.eq("metadata.username", q.user())));
        if (q.from() != null) filters.add(Filters.gte("timestamp", Date.from(q.from())));
        if (q.to() != null) filters.add(Filters.lte("timestamp", Date.from(q.to())));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long count = events.countDocuments(filter);
        List<AuditEventView> results = new ArrayList<>();
        events.find(filter).sort(Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("sequenceNumber")))
                .skip((q.page() - 1) * q.pageSize()).limit(q.pageSize())
                .forEach(d -> results.add(view(d)));
        return new AuditPage(count, results);
    }

    /** The same view for an event read straight from the event store (aggregate history). */
    public AuditEventView view(DomainEventMessage<?> message) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = json.convertValue(AuditRedaction.redact(json.valueToTree(message.getPayload())), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = json.convertValue(AuditRedaction.redact(json.valueToTree(message.getMetaData())), Map.class);
        return new AuditEventView(message.getIdentifier(), message.getTimestamp(), message.getAggregateIdentifier(),
                message.getType(), message.getSequenceNumber(), message.getPayloadType().getSimpleName(), payload, metadata);
    }

    /** Payloads hold users' maps (metadata, tags, Terraform attributes): any key must round-trip. */
    @SuppressWarnings("unchecked")
    private Document toDocument(JsonNode node) {
        return UserMaps.toDocument(json.convertValue(node, Map.class));
    }

    private static AuditEventView view(Document d) {
        Number seq = (Number) d.get("sequenceNumber");
        return new AuditEventView(d.getString("_id"), d.getDate("timestamp").toInstant(), d.getString("aggregateId"),
                d.getString("aggregateType"), seq == null ? 0 : seq.longValue(), d.getString("eventType"),
                UserMaps.fromDocument(d.get("payload", Document.class)), UserMaps.fromDocument(d.get("metadata", Document.class)));
    }
}
