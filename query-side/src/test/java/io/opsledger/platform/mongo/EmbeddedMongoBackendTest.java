package io.opsledger.platform.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.IndexOptions;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.codecs.UuidCodec;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded MongoDB answers exactly what mongo-java-server's own full scan answers (pages in
 * every order, counts, distinct values, aggregations), before and after writes that move documents
 * between index entries; where an index serves a query it reads only what it needs; and a document
 * the file cannot hold is refused with an ordinary error, and the file stays open.
 */
class EmbeddedMongoBackendTest {

    private static final int DOCUMENTS = 1200;
    private static final List<String> CRITICALITIES = List.of("LOW", "HIGH", "CRITICAL");

    private static final CodecRegistry UUID_STANDARD = CodecRegistries.fromRegistries(
            CodecRegistries.fromCodecs(new UuidCodec(UuidRepresentation.STANDARD)), MongoClientSettings.getDefaultCodecRegistry());

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();
    private EmbeddedMongoBackend backend;
    private MongoCollection<Document> ours;
    private MongoCollection<Document> library;

    private MongoCollection<Document> serve(H2Backend served) {
        MongoServer server = new MongoServer(served);
        servers.add(server);
        var address = server.bind();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        clients.add(client);
        return client.getDatabase("opsledger").getCollection("assets");
    }

    /** The declarations a projection makes; the library accepts and ignores them. */
    private static void declareIndexes(MongoCollection<Document> c) {
        c.createIndex(Indexes.ascending("name", "asset_number"));
        c.createIndex(Indexes.ascending("asset_number"));
        for (String field : List.of("criticality", "status", "owner", "tags", "mixed", "nested.part")) {
            c.createIndex(Indexes.ascending(field));
        }
        c.createIndex(Indexes.descending("created_at"));
    }

    @BeforeEach
    void fill() {
        backend = new EmbeddedMongoBackend(new MVStore.Builder().open());
        ours = serve(backend);
        library = serve(new H2Backend(new MVStore.Builder().open()));
        List<Document> docs = documents(new Random(7), 0, DOCUMENTS);
        // half before the indexes are declared, half after: both ways of filling an index
        for (MongoCollection<Document> c : List.of(ours, library)) {
            c.insertMany(docs.subList(0, DOCUMENTS / 2));
            declareIndexes(c);
            c.insertMany(docs.subList(DOCUMENTS / 2, DOCUMENTS));
        }
    }

    /**
     * Few distinct names, criticalities and owners (many ties); numbers of several types that
     * compare equal (5, 5L, 5.0); null, missing and blank owners; tags as arrays (empty, with null,
     * nested); a field of mixed types; a sub-document.
     */
    private static List<Document> documents(Random random, int from, int to) {
        List<Document> docs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Document d = new Document("_id", "id-" + i).append("name", "host-" + random.nextInt(40))
                    .append("criticality", CRITICALITIES.get(random.nextInt(3)))
                    .append("status", random.nextInt(10) == 0 ? "DECOMMISSIONED" : "ACTIVE")
                    .append("seq", (long) random.nextInt(5))
                    .append("created_at", new Date(1_700_000_000_000L + random.nextInt(500) * 1000L));
            int number = random.nextInt(200);
            d.append("asset_number", switch (i % 3) {
                case 0 -> (Object) number;
                case 1 -> (long) number;
                default -> (double) number;
            });
            switch (random.nextInt(5)) {
                case 0 -> d.append("owner", null);
                case 1 -> { } // missing
                case 2 -> d.append("owner", "");
                default -> d.append("owner", "team-" + random.nextInt(4));
            }
            switch (random.nextInt(6)) {
                case 0 -> d.append("tags", List.of());
                case 1 -> d.append("tags", Arrays.asList("a", null));
                case 2 -> d.append("tags", List.of(List.of("a"), "c"));
                case 3 -> d.append("tags", "a");
                case 4 -> { }
                default -> d.append("tags", List.of("a", "b", "b"));
            }
            if (i % 50 == 0) {
                d.append("mixed", new Document("a", 1));
            } else {
                d.append("mixed", i % 2 == 0 ? (Object) (i % 7) : "t" + (i % 7));
            }
            d.append("nested", new Document("part", "p" + (i % 3)));
            docs.add(d);
        }
        return docs;
    }

    @AfterEach
    void close() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    /** Commits what the last served backend holds, stops its server and closes the file, as a shutdown does. */
    private void closeLastServed(H2Backend backend) {
        backend.commit();
        servers.get(servers.size() - 1).shutdownNow();
        backend.close();
    }

    /** The page's ids, or the server's refusal (the library's sort gives up on some arrays; so must ours). */
    private static Object page(MongoCollection<Document> c, Bson filter, Bson sort, int skip, int limit) {
        try {
            return ids(c, filter, sort, skip, limit);
        } catch (MongoException e) {
            return "refused: " + e.getMessage().replaceAll("on server \\S+", "");
        }
    }

    private static List<Object> ids(MongoCollection<Document> c, Bson filter, Bson sort, int skip, int limit) {
        List<Object> out = new ArrayList<>();
        var find = c.find(filter).skip(skip).limit(limit);
        if (sort != null) {
            find = find.sort(sort);
        }
        find.forEach(d -> out.add(d.get("_id")));
        return out;
    }

    private static final List<Bson> FILTERS = List.of(
            new Document(),
            Filters.eq("criticality", "HIGH"),
            Filters.in("criticality", List.of("HIGH", "LOW")),
            Filters.in("criticality", List.of()),
            Filters.eq("criticality", "NONE"),
            Filters.nin("criticality", List.of("HIGH")),
            Filters.ne("status", "DECOMMISSIONED"),
            Filters.and(Filters.eq("criticality", "HIGH"), Filters.eq("status", "ACTIVE")),
            Filters.and(Filters.in("criticality", List.of("HIGH", "CRITICAL")), Filters.ne("status", "DECOMMISSIONED"),
                    Filters.or(Filters.regex("name", Pattern.compile("ST-1", Pattern.CASE_INSENSITIVE)),
                            Filters.regex("owner", Pattern.compile("2")))),
            Filters.regex("name", "host-1"),
            Filters.eq("tags", "a"),
            Filters.in("tags", List.of("b", "c")),
            Filters.nin("tags", List.of("a")),
            Filters.ne("tags", "a"),
            Filters.ne("tags", null),
            Filters.eq("tags", List.of()),
            Filters.nin("owner", Arrays.asList("", null)),
            Filters.ne("owner", null),
            Filters.eq("owner", null),
            Filters.exists("owner", false),
            Filters.eq("asset_number", 5),
            Filters.in("asset_number", List.of(5L, 7.0, 9)),
            Filters.nin("asset_number", List.of(5L, 7.0)),
            Filters.eq("mixed", 3),
            Filters.eq("mixed", "t3"),
            Filters.ne("mixed", "t3"),
            Filters.eq("name", "host-3"),
            Filters.and(Filters.eq("name", "host-3"), Filters.eq("criticality", "LOW")),
            Filters.eq("created_at", new Date(1_700_000_000_000L + 42_000L)),
            Filters.eq("nested.part", "p1"),
            Filters.and(Filters.eq("_id", "id-17"), Filters.lt("seq", 3L)),
            Filters.in("_id", List.of("id-3", "id-1", "id-999", "nope")),
            Filters.or(Filters.eq("criticality", "LOW"), Filters.eq("owner", "team-1")));

    private static final List<Bson> SORTS = Arrays.asList(null, Sorts.ascending("name"),
            Sorts.ascending("name", "asset_number"), Sorts.descending("name", "asset_number"),
            Sorts.orderBy(Sorts.descending("owner"), Sorts.ascending("asset_number")), Sorts.ascending("criticality"),
            Sorts.descending("created_at"), Sorts.ascending("tags"), Sorts.descending("asset_number"),
            Sorts.ascending("mixed"), Sorts.ascending("asset_number", "name"));

    private static final int[][] PAGES = {{0, 50}, {50, 50}, {DOCUMENTS - 30, 100}};

    private void assertSameAnswers(List<Bson> sorts, int[][] pages, int atLeast) {
        int compared = 0;
        for (Bson filter : FILTERS) {
            assertThat(ours.countDocuments(filter)).as("count %s", filter).isEqualTo(library.countDocuments(filter));
            for (Bson sort : sorts) {
                for (int[] page : pages) {
                    Object expected = page(library, filter, sort, page[0], page[1]);
                    assertThat(page(ours, filter, sort, page[0], page[1]))
                            .as("filter %s, sort %s, skip %d, limit %d", filter, sort, page[0], page[1])
                            .isEqualTo(expected);
                    compared += expected instanceof List<?> ids ? ids.size() : 0;
                }
            }
            for (String field : List.of("criticality", "tags", "owner", "asset_number", "mixed", "name")) {
                assertThat(ours.distinct(field, filter, BsonValue.class).into(new ArrayList<>()))
                        .as("distinct %s of %s", field, filter)
                        .containsExactlyElementsOf(library.distinct(field, filter, BsonValue.class).into(new ArrayList<>()));
            }
            List<Bson> countBy = List.of(Aggregates.match(filter), Aggregates.group("$criticality", Accumulators.sum("count", 1)));
            assertThat(ours.aggregate(countBy).into(new ArrayList<>())).as("count by criticality of %s", filter)
                    .containsExactlyElementsOf(library.aggregate(countBy).into(new ArrayList<>()));
        }
        assertThat(compared).as("the pages were not empty").isGreaterThan(atLeast);
    }

    @Test
    void pagesCountsDistinctValuesAndAggregationsMatchTheLibrarysScan() {
        assertSameAnswers(SORTS, PAGES, 20_000);
    }

    @Test
    void answersStayTheLibrarysAfterWritesThatMoveDocumentsBetweenIndexEntries() {
        for (MongoCollection<Document> c : List.of(ours, library)) {
            c.updateMany(Filters.eq("criticality", "LOW"), Updates.set("criticality", "HIGH"));
            c.updateMany(Filters.eq("name", "host-7"), Updates.combine(Updates.set("owner", "team-9"),
                    Updates.set("tags", List.of("z", "a")), Updates.set("asset_number", 7L)));
            c.updateMany(Filters.in("owner", List.of("team-1")), Updates.unset("owner"));
            c.updateOne(Filters.and(Filters.eq("_id", "id-5"), Filters.lt("seq", 99L)), Updates.set("tags", List.of(List.of("x"))));
            c.updateOne(Filters.eq("_id", "id-new"), Updates.setOnInsert("name", "host-1"), new UpdateOptions().upsert(true));
            c.replaceOne(Filters.eq("_id", "id-8"), new Document("name", "host-8").append("criticality", "CRITICAL"));
            c.replaceOne(Filters.eq("_id", "id-upserted"), new Document("name", "host-2").append("tags", List.of("b")),
                    new ReplaceOptions().upsert(true));
            c.findOneAndUpdate(Filters.eq("criticality", "CRITICAL"), Updates.set("mixed", "t3"),
                    new FindOneAndUpdateOptions().sort(Sorts.ascending("name")).returnDocument(ReturnDocument.AFTER));
            c.deleteMany(Filters.eq("status", "DECOMMISSIONED"));
            c.deleteOne(Filters.eq("_id", "id-11"));
            c.findOneAndDelete(Filters.eq("name", "host-3"));
            c.insertMany(documents(new Random(11), DOCUMENTS, DOCUMENTS + 300));
        }
        assertThat(ours.countDocuments()).isEqualTo(library.countDocuments()).isGreaterThan(DOCUMENTS);
        assertSameAnswers(Arrays.asList(null, Sorts.ascending("name", "asset_number"), Sorts.descending("created_at"),
                Sorts.ascending("tags"), Sorts.descending("owner")), new int[][]{{0, 50}, {0, 0}}, 10_000);
        assertSameAnswers(List.of(Sorts.ascending("created_at")), new int[][]{{0, 0}}, 10_000);
    }

    @Test
    void aCountOfNothingAndAConstantGroupAnswerAsTheLibraryDoes() {
        for (Bson filter : List.of(Filters.eq("criticality", "NONE"), Filters.ne("status", "DECOMMISSIONED"),
                Filters.nin("criticality", List.of("HIGH", "LOW")))) {
            List<Bson> pipeline = List.of(Aggregates.match(filter), Aggregates.group(1, Accumulators.sum("n", 1)));
            assertThat(ours.aggregate(pipeline).into(new ArrayList<>()))
                    .containsExactlyElementsOf(library.aggregate(pipeline).into(new ArrayList<>()));
        }
    }

    private long readFor(Runnable query) {
        IndexedCollection assets = (IndexedCollection) backend.resolveDatabase("opsledger").resolveCollection("assets", true);
        long before = assets.documentsRead();
        query.run();
        return assets.documentsRead() - before;
    }

    @Test
    void anIndexServedQueryReadsOnlyWhatItNeeds() {
        Bson high = Filters.eq("criticality", "HIGH");
        long highCount = library.countDocuments(high);
        assertThat(readFor(() -> ids(ours, high, null, 0, 0))).as("an equality reads its matches").isEqualTo(highCount);
        assertThat(readFor(() -> ids(ours, Filters.ne("status", "DECOMMISSIONED"), Sorts.ascending("name", "asset_number"), 0, 20)))
                .as("a page in an index's order reads about a page").isLessThan(40);
        assertThat(readFor(() -> ids(ours, Filters.eq("name", "host-3"), Sorts.descending("asset_number"), 0, 5)))
                .as("a page of one name in number order").isLessThan(10);
        assertThat(readFor(() -> ours.countDocuments(Filters.ne("status", "DECOMMISSIONED"))))
                .as("a count the index holds reads no document").isZero();
        assertThat(readFor(() -> ours.countDocuments(Filters.and(high, Filters.ne("status", "DECOMMISSIONED"))))).isZero();
        assertThat(readFor(() -> ours.updateOne(Filters.and(Filters.eq("_id", "id-17"), Filters.lt("seq", 99L)), Updates.set("seq", 100L))))
                .as("an update of one document by id").isEqualTo(1);
        assertThat(readFor(() -> ids(ours, Filters.regex("name", "host-1"), null, 0, 0)))
                .as("what no index answers is still a scan").isEqualTo(DOCUMENTS);
    }

    @Test
    void indexesAreKeptInTheFileAndReadBackRatherThanRebuilt(@TempDir Path folder) {
        String file = folder.resolve("projections.mv").toString();
        MVStore store = new MVStore.Builder().fileName(file).open();
        EmbeddedMongoBackend first = new EmbeddedMongoBackend(store);
        MongoCollection<Document> written = serve(first);
        declareIndexes(written);
        written.insertMany(documents(new Random(3), 0, 500));
        written.updateMany(Filters.eq("criticality", "LOW"), Updates.set("criticality", "HIGH"));
        List<Object> before = ids(written, Filters.eq("criticality", "HIGH"), Sorts.ascending("name", "asset_number"), 0, 30);
        closeLastServed(first);

        // the map names must not change: files written before keep their indexes
        MVStore reopenedStore = new MVStore.Builder().fileName(file).open();
        assertThat(reopenedStore.getMapNames()).contains("opsledger.assets._index_criticality_1", "opsledger.assets._index_name_1_asset_number_1");
        EmbeddedMongoBackend reopened = new EmbeddedMongoBackend(reopenedStore);
        backend = reopened;
        MongoCollection<Document> read = serve(reopened);
        IndexedCollection assets = (IndexedCollection) reopened.resolveDatabase("opsledger").resolveCollection("assets", true);
        assertThat(assets.documentsRead()).as("nothing rebuilt at start").isZero();
        assertThat(ids(read, Filters.eq("criticality", "HIGH"), Sorts.ascending("name", "asset_number"), 0, 30))
                .containsExactlyElementsOf(before);
        assertThat(read.countDocuments(Filters.eq("criticality", "LOW"))).isZero();
        assertThat(readFor(() -> read.countDocuments(Filters.eq("criticality", "HIGH")))).isZero();
    }

    @Test
    void indexesAreBuiltFromAFileWrittenWithoutThem(@TempDir Path folder) {
        String file = folder.resolve("projections.mv").toString();
        EmbeddedMongoBackend first = new EmbeddedMongoBackend(new MVStore.Builder().fileName(file).open());
        MongoCollection<Document> written = serve(first);
        List<Document> docs = documents(new Random(5), 0, 400);
        written.insertMany(docs);
        closeLastServed(first);

        EmbeddedMongoBackend upgraded = new EmbeddedMongoBackend(new MVStore.Builder().fileName(file).open());
        backend = upgraded;
        MongoCollection<Document> read = serve(upgraded);
        declareIndexes(read); // a projection that declares a new index over documents already there
        library.deleteMany(new Document());
        library.insertMany(docs);
        for (Bson filter : List.of(Filters.eq("criticality", "HIGH"), Filters.ne("tags", "a"), Filters.eq("asset_number", 5))) {
            assertThat(ids(read, filter, Sorts.ascending("name", "asset_number"), 0, 40))
                    .containsExactlyElementsOf(ids(library, filter, Sorts.ascending("name", "asset_number"), 0, 40));
            assertThat(read.countDocuments(filter)).isEqualTo(library.countDocuments(filter));
        }
        assertThat(readFor(() -> read.countDocuments(Filters.eq("criticality", "HIGH")))).isZero();
    }

    /** One of every BSON type the driver writes, nested in documents and arrays. */
    private static Document everyType(String id) {
        Document inner = new Document("int", 7).append("long", 7L).append("double", 7.5)
                .append("decimal", new Decimal128(new java.math.BigDecimal("12.3400")))
                .append("text", "ünïcödé \u0000 \t \\ $x.y").append("yes", true).append("nothing", null)
                .append("date", new Date(1_700_000_123_456L)).append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("uuid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"))
                .append("bytes", new Binary(new byte[] {0, 1, 2, (byte) 255}))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 3))
                .append("regex", new BsonRegularExpression("^a.*", "i"))
                .append("min", new MinKey()).append("max", new MaxKey());
        return new Document("_id", id).append("inner", inner)
                .append("array", Arrays.asList(1, "two", null, List.of(3L), new Document("k", 4.0)))
                .append("empty", new Document()).append("emptyArray", List.of());
    }

    @Test
    void everyValueTypeComesBackFromTheFileAsItWasWrittenAndIdsStayUnique(@TempDir Path folder) {
        String file = folder.resolve("projections.mv").toString();
        EmbeddedMongoBackend first = new EmbeddedMongoBackend(new MVStore.Builder().fileName(file).open());
        MongoCollection<Document> written = serve(first).withCodecRegistry(UUID_STANDARD);
        written.createIndex(Indexes.ascending("inner.text"), new IndexOptions().unique(true));
        written.insertOne(everyType("all"));
        written.insertOne(new Document("_id", 5.0).append("inner", new Document("text", "other")));
        closeLastServed(first);

        EmbeddedMongoBackend reopened = new EmbeddedMongoBackend(new MVStore.Builder().fileName(file).open());
        backend = reopened;
        MongoCollection<Document> read = serve(reopened);
        library.withCodecRegistry(UUID_STANDARD).insertOne(everyType("all"));
        Document fromTheLibrary = library.find(Filters.eq("_id", "all")).first();
        assertThat(read.find(Filters.eq("_id", "all")).first()).as("what mongo-java-server itself answers")
                .isEqualTo(fromTheLibrary).containsEntry("inner", fromTheLibrary.get("inner"));
        assertThat(((Document) fromTheLibrary.get("inner")).getDate("date")).isEqualTo(new Date(1_700_000_123_456L));
        assertThat(read.find(Filters.eq("_id", 5)).first()).as("an id of another numeric type, as MongoDB finds it").isNotNull();
        assertThatThrownBy(() -> read.insertOne(new Document("_id", "all")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        assertThatThrownBy(() -> read.insertOne(new Document("_id", 5L)))
                .as("5, 5L and 5.0 are one id").isInstanceOf(MongoWriteException.class);
        assertThatThrownBy(() -> read.insertOne(new Document("_id", "new").append("inner", new Document("text", "other"))))
                .as("a unique index kept in the file").isInstanceOf(MongoWriteException.class);
        read.insertOne(new Document("_id", "new").append("inner", new Document("text", "third")));
        assertThat(read.countDocuments()).isEqualTo(3);
    }

    @Test
    void aFileInAnotherFormatIsDiscardedAndOneInThisFormatKept(@TempDir Path folder) {
        Path file = folder.resolve("projections.mv");
        H2Backend plain = new H2Backend(new MVStore.Builder().fileName(file.toString()).open());
        serve(plain).insertOne(new Document("_id", "old"));
        closeLastServed(plain);
        assertThat(EmbeddedMongo.discardIfUnusable(file)).as("H2Backend's own format").isTrue();
        assertThat(file).doesNotExist();
        assertThat(EmbeddedMongo.discardIfUnusable(file)).as("no file").isFalse();

        EmbeddedMongo started = EmbeddedMongo.start(file, 0, 16);
        try (MongoClient client = EmbeddedMongo.client("", started)) {
            client.getDatabase("opsledger").getCollection("assets").insertOne(new Document("_id", "new"));
        } finally {
            started.backend().commit();
            started.close();
            started.backend().close();
        }
        assertThat(EmbeddedMongo.discardIfUnusable(file)).isFalse();
        assertThat(file).exists();
    }

    @Test
    void aFileMVStoreCannotReadIsDiscardedAndOneInUseKept(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("projections.mv");
        Files.write(file, new byte[64 * 1024]); // no header MVStore can read: what a damaged file looks like to it
        assertThat(EmbeddedMongo.discardIfUnusable(file)).isTrue();
        assertThat(file).doesNotExist();

        EmbeddedMongo started = EmbeddedMongo.start(file, 0, 16);
        try {
            // another process's lock on the file is not damage: the file stays and the caller hears why
            assertThatThrownBy(() -> EmbeddedMongo.discardIfUnusable(file)).isInstanceOf(MVStoreException.class);
            assertThat(file).exists();
        } finally {
            started.close();
            started.backend().close();
        }
    }

    @Test
    void readsRunBesideWritesWithoutSeeingThemHalfDone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int round = 0; round < 15; round++) {
                    String from = CRITICALITIES.get(round % 3);
                    String to = CRITICALITIES.get((round + 1) % 3);
                    ours.updateMany(Filters.eq("criticality", from), Updates.combine(Updates.set("criticality", to),
                            Updates.set("tags", List.of("r" + round))));
                }
                writing.set(false);
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        // every document always has one of the criticalities, also while it changes
                        assertThat(ours.countDocuments(Filters.in("criticality", CRITICALITIES))).isEqualTo(DOCUMENTS);
                        ours.find(Filters.eq("criticality", "HIGH")).sort(Sorts.ascending("name", "asset_number"))
                                .limit(50).forEach(d -> assertThat(d.getString("criticality")).isEqualTo("HIGH"));
                    }
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
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
