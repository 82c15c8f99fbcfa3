package io.opsledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's read model. */
@Configuration
public class AuditWiring {

    @Bean
    public AuditProjection auditProjection(MongoDatabase db, ObjectMapper json) { return new AuditProjection(db, json); }
}
