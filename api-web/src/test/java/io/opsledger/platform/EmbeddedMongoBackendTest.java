package io.opsledger.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of a sorted query answers exactly what mongo-java-server's own full sort answers. */
class EmbeddedMongoBackendTest {

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();
    private MongoCollection<Document> ours;
    private MongoCollection<Document> library;

    private MongoCollection<Document> serve(H2Backend backend) {
        MongoServer server = new MongoServer(backend);
        servers.add(server);
        var address = server.bind();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        clients.add(client);
        return client.getDatabase("opsledger").getCollection("assets");
    }

    @BeforeEach
    void fill() {
        ours = serve(new EmbeddedMongoBackend(new MVStore.Builder().open()));
        library = serve(new H2Backend(new MVStore.Builder().open()));
        Random random = new Random(7);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // few distinct names and criticalities: many ties, broken by insertion order or asset_number
            docs.add(new Document("_id", "id-" + i).append("name", "host-" + random.nextInt(40))
                    .append("criticality", List.of("LOW", "HIGH", "CRITICAL").get(random.nextInt(3)))
                    .append("asset_number", (long) random.nextInt(100_000))
                    .append("owner", random.nextInt(5) == 0 ? null : "team-" + random.nextInt(4)));
        }
        ours.insertMany(docs);
        library.insertMany(docs);
    }

    @AfterEach
    void close() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    private List<Object> ids(MongoCollection<Document> c, Bson filter, Bson sort, int skip, int limit) {
        List<Object> out = new ArrayList<>();
        c.find(filter).sort(sort).skip(skip).limit(limit).forEach(d -> out.add(d.get("_id")));
        return out;
    }

    @Test
    void pagesMatchTheLibrarysFullSortForEveryOrderingSkipAndFilter() {
        List<Bson> sorts = List.of(Sorts.ascending("name"), Sorts.descending("name"),
                Sorts.ascending("name", "asset_number"), Sorts.orderBy(Sorts.descending("owner"), Sorts.ascending("asset_number")),
                Sorts.ascending("criticality"));
        List<Bson> filters = List.of(new Document(), Filters.eq("criticality", "HIGH"), Filters.regex("name", "host-1"));
        int compared = 0;
        for (Bson sort : sorts) {
            for (Bson filter : filters) {
                for (int[] page : new int[][]{{0, 50}, {50, 50}, {0, 1}, {2950, 100}, {0, 1000}}) {
                    List<Object> expected = ids(library, filter, sort, page[0], page[1]);
                    assertThat(ids(ours, filter, sort, page[0], page[1]))
                            .as("sort %s, filter %s, skip %d, limit %d", sort, filter, page[0], page[1])
                            .containsExactlyElementsOf(expected);
                    compared += expected.size();
                }
            }
        }
        assertThat(compared).as("the pages were not empty").isGreaterThan(10_000);
    }

    @Test
    void countsAndUnsortedQueriesAreUntouched() {
        assertThat(ours.countDocuments(Filters.eq("criticality", "LOW")))
                .isEqualTo(library.countDocuments(Filters.eq("criticality", "LOW")));
        List<Object> all = new ArrayList<>();
        ours.find().forEach(d -> all.add(d.get("_id")));
        assertThat(all).hasSize(3000);
    }
}
