package io.opsledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail: its read model, and aggregate histories from the event store. */
@Configuration
public class AuditReadModels {

    @Bean
    public AuditProjection auditProjection(MongoDatabase db, ObjectMapper json) { return new AuditProjection(db, json); }

    @Bean
    public AuditHistory auditHistory(EventStore events, AuditProjection audit) { return new AuditHistory(events, audit); }
}
