package io.opsledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.audit.AuditQueries.AggregateHistory;
import io.opsledger.audit.AuditQueries.AuditEventView;
import io.opsledger.identity.api.IdentityEvents.UserPasswordChanged;
import io.opsledger.identity.api.IdentityEvents.UserRegistered;
import io.opsledger.identity.api.Role;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An aggregate's history comes from the event store, in its order, redacted as the audit trail shows events. */
class AuditHistoryTest {

    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theStoredEventsInOrderWithSecretsMasked() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        try {
            store.publish(
                    new GenericDomainEventMessage<>("User", "u-1", 0, new UserRegistered("u-1", 1, "alice", "a@example.com",
                            "", "", "$2a$hash", Role.ADMIN, true, "local"), MetaData.with("username", "root")),
                    new GenericDomainEventMessage<>("User", "u-1", 1, new UserPasswordChanged("u-1", "$2a$other", null)),
                    new GenericDomainEventMessage<>("User", "u-2", 0, new UserPasswordChanged("u-2", "$2a$x", null)));
            AuditHistory history = new AuditHistory(store, new AuditProjection(client.getDatabase("test"), new ObjectMapper()));

            List<AuditEventView> events = history.handle(new AggregateHistory("u-1"));
            assertThat(events).extracting(AuditEventView::eventType).containsExactly("UserRegistered", "UserPasswordChanged");
            assertThat(events).extracting(AuditEventView::sequenceNumber).containsExactly(0L, 1L);
            assertThat(events).allSatisfy(e -> assertThat(e.aggregateType()).isEqualTo("User"));
            assertThat(events.get(0).payload()).containsEntry("username", "alice").containsEntry("passwordHash", "********");
            assertThat(events.get(0).metadata()).containsEntry("username", "root");
            assertThat(history.handle(new AggregateHistory("nobody"))).isEmpty();
        } finally {
            store.shutDown();
        }
    }
}
