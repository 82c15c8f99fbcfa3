package io.opsledger.platform;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A page of a sorted query answers exactly what mongo-java-server's own full sort answers; a
 * document the file cannot hold is refused with an ordinary error, and the file stays open.
 */
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

    /** {"a": {"a": ... 1}} with {@code levels} documents. */
    private static Document nested(int levels) {
        Document doc = new Document("a", 1);
        for (int i = 1; i < levels; i++) {
            doc = new Document("a", doc);
        }
        return doc;
    }

    @Test
    void aDocumentNestedDeeperThanMongoDbAllowsIsRefusedAndTheFileStaysOpen(@TempDir Path dir) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("projections.mv").toString()).open();
        EmbeddedMongoBackend backend = new EmbeddedMongoBackend(store);
        MongoCollection<Document> c = serve(backend);

        // MongoDB's limit: 100 levels, the document itself being the first
        c.insertOne(new Document("_id", "at-limit").append("m", nested(EmbeddedMongoBackend.MAX_NESTING - 1)));
        assertThatThrownBy(() -> c.insertOne(new Document("_id", "deeper").append("m", nested(EmbeddedMongoBackend.MAX_NESTING))))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(15));
        assertThatThrownBy(() -> c.insertOne(new Document("_id", "poison").append("m", nested(600))))
                .isInstanceOf(MongoWriteException.class);
        c.insertOne(new Document("_id", "plain"));
        assertThatThrownBy(() -> c.updateOne(Filters.eq("_id", "plain"), Updates.set("m", nested(600))))
                .isInstanceOf(MongoWriteException.class);
        assertThatThrownBy(() -> c.replaceOne(Filters.eq("_id", "plain"), new Document("m", nested(600)),
                new ReplaceOptions().upsert(true))).isInstanceOf(MongoWriteException.class);

        backend.commit(); // MVStore writes every document out here; a too-deep one used to close the file
        assertThat(store.isClosed()).isFalse();
        c.insertOne(new Document("_id", "after"));
        backend.commit();
        List<Object> ids = new ArrayList<>();
        c.find().sort(Sorts.ascending("_id")).forEach(d -> ids.add(d.get("_id")));
        assertThat(ids).containsExactly("after", "at-limit", "plain");
        assertThat(c.find(Filters.eq("_id", "plain")).first()).doesNotContainKey("m");
    }
}
