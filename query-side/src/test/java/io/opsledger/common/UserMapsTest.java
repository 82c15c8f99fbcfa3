package io.opsledger.common;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users' maps with any keys go into MongoDB and come back as they were. */
class UserMapsTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> docs;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        docs = client.getDatabase("test").getCollection("maps");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void everyKeyRoundTripsThroughMongoDb() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("$date", 5);
        inner.put("c.d", List.of(Map.of("$in", "x"), 2, "three"));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("$where", 1);
        map.put("a.b", inner);
        map.put("%24where", "already looks escaped");
        map.put("%", "a lone percent");
        map.put("", "the empty key");
        map.put("nul\0inside", true);
        map.put("50% of $ at a.b", null);
        map.put("big", new BigInteger("123456789012345678901234567890"));
        map.put("plain", "kept");

        assertThatThrownBy(() -> docs.insertOne(new Document("_id", "raw").append("m", new Document(map))))
                .as("MongoDB refuses such keys as they are").isInstanceOf(RuntimeException.class);

        docs.insertOne(new Document("_id", "escaped").append("m", UserMaps.toDocument(map)));
        Map<String, Object> back = UserMaps.fromDocument(docs.find(Filters.eq("_id", "escaped")).first().get("m", Document.class));

        assertThat(back.keySet()).containsExactlyElementsOf(map.keySet());
        assertThat(back.get("$where")).isEqualTo(1);
        assertThat(back.get("%24where")).isEqualTo("already looks escaped");
        assertThat(back.get("%")).isEqualTo("a lone percent");
        assertThat(back.get("")).isEqualTo("the empty key");
        assertThat(back.get("big").toString()).isEqualTo("123456789012345678901234567890");
        @SuppressWarnings("unchecked")
        Map<String, Object> innerBack = (Map<String, Object>) back.get("a.b");
        assertThat(innerBack.get("$date")).isEqualTo(5);
        assertThat(innerBack.get("c.d")).isEqualTo(List.of(Map.of("$in", "x"), 2, "three"));
    }

    @Test
    void anOrdinaryKeyIsStoredAsItIsSoFiltersOnItKeepWorking() {
        docs.insertOne(new Document("_id", "t").append("tags", UserMaps.toDocument(Map.of("Owner", "team-a", "k8s.io/name", "web"))));
        assertThat(docs.countDocuments(Filters.eq("tags.Owner", "team-a"))).isEqualTo(1);
        assertThat(docs.countDocuments(Filters.eq("tags." + UserMaps.escapeKey("k8s.io/name"), "web"))).isEqualTo(1);
    }
}
