package io.opsledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.audit.AuditQueries.AuditEventView;
import io.opsledger.audit.AuditQueries.AuditPage;
import io.opsledger.audit.AuditQueries.SearchAuditEvents;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.AssetCreated;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail keeps every event, whatever keys the users' maps inside it have. */
class AuditProjectionTest {

    private MongoServer server;
    private MongoClient client;
    private AuditProjection audit;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        audit = new AuditProjection(client.getDatabase("test"), new ObjectMapper());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventWhoseMapsHaveDollarAndDotKeysIsRecordedAndReadBackAsItWas() {
        AssetDetails named = AssetDetails.named("db");
        AssetDetails details = new AssetDetails("db", named.assetType(), "", null, "", "", "", named.status(), named.criticality(),
                "", "", named.dataClassification(), null, Map.of("$where", "1 == 1", "a.b", Map.of("$date", 5, "%2E", "x"), "$oid", "zz"),
                List.of(), List.of(), Map.of("kubernetes.io/name", "db", "$set", "y"), "", "", "", "", false, false, false,
                false, "", true, null, null);
        var event = new GenericDomainEventMessage<>("Asset", "asset-1", 0, new AssetCreated("asset-1", "ASSET-0001", details),
                MetaData.with("userId", "u-1").and("username", "alice"));
        audit.on(event.getPayload(), event);

        AuditPage page = audit.handle(new SearchAuditEvents("asset-1", null, null, "alice", null, null, 1, 10));
        assertThat(page.count()).isEqualTo(1);
        AuditEventView view = page.results().get(0);
        assertThat(view.eventId()).isEqualTo(event.getIdentifier());
        Map<String, Object> stored = (Map<String, Object>) view.payload().get("details");
        assertThat(stored.get("metadata")).isEqualTo(Map.of("$where", "1 == 1", "a.b", Map.of("$date", 5, "%2E", "x"), "$oid", "zz"));
        assertThat(stored.get("tags")).isEqualTo(Map.of("kubernetes.io/name", "db", "$set", "y"));
        assertThat(view.metadata()).containsEntry("userId", "u-1");
    }
}
