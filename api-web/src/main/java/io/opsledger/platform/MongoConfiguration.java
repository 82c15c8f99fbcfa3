package io.opsledger.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.opsledger.platform.mongo.EmbeddedMongoBackend;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Projections live in MongoDB: an external one when OPSLEDGER_MONGODB_URI is set, otherwise the
 * MongoDB wire protocol served in-process by mongo-java-server over a file under the data folder
 * (the engine, with the projections' indexes, is {@link EmbeddedMongoBackend} in query-side).
 * Either way every projection speaks to it through the ordinary driver.
 */
@Configuration
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** Makes projection writes durable before the processor's token moves past them. */
    public interface ProjectionDurability {
        void flush();
    }

    public record EmbeddedMongo(MongoServer server, H2Backend backend, InetSocketAddress address) implements AutoCloseable {
        @Override
        public void close() {
            server.shutdownNow();
        }
    }

    @Bean(destroyMethod = "close")
    public EmbeddedMongo embeddedMongo(@Value("${opsledger.mongodb-uri}") String uri,
                                       @Value("${opsledger.embedded-mongodb-port}") int port,
                                       @Value("${opsledger.embedded-mongodb-cache-mb}") int cacheMb, DataFolder data,
                                       RelationalSchema schema, JdbcTemplate jdbc) {
        if (!uri.isBlank()) {
            return null;
        }
        Path file = data.resolve("projections.mv");
        if (!Files.exists(file)) {
            // projections are derived data: without their file, every projection reads the event store again
            TokenSchema tokens = new TokenSchema();
            int reset = jdbc.update("DELETE FROM " + tokens.tokenTable() + " WHERE " + tokens.processorNameColumn()
                    + " LIKE 'projection.%'");
            if (reset > 0) {
                log.info("no {}: {} projection tokens reset, the projections are rebuilt from the event store", file, reset);
            }
            // their dead letters go too: the rebuild handles every event again, and parks what still fails
            DeadLetterSchema letters = DeadLetterSchema.defaultSchema();
            int dropped = jdbc.update("DELETE FROM " + letters.deadLetterTable() + " WHERE " + letters.processingGroupColumn()
                    + " LIKE 'projection.%'");
            if (dropped > 0) {
                log.info("{} dead letters of the projections dropped before their rebuild", dropped);
            }
        }
        // the background writer commits and compacts the file; ProjectionDurability also commits at
        // the end of every projection batch, so no token passes projection writes still in memory.
        // the documents and indexes in use (about 550 MB for 100,000 assets) should stay in memory:
        // with MVStore's default 16 MB page cache every list re-reads and decodes them from the
        // file (seconds); a cache that holds the working set keeps reads in memory.
        int cache = cacheMb > 0 ? cacheMb : defaultCacheMb();
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cache).open();
        // MVStore keeps replaced chunks for 45 s by default (a guard against disks that reorder
        // writes on power loss); under a commit per projection batch that made the file grow by
        // ~40 KB a write. Reusing them at once keeps it near its live size; should a power loss ever
        // damage this derived file, deleting it rebuilds the projections (see above).
        store.setRetentionTime(0);
        H2Backend backend = new EmbeddedMongoBackend(store);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("embedded MongoDB wire server on {} over {} ({} MB page cache)", address, file, cache);
        return new EmbeddedMongo(server, backend, address);
    }

    /** A quarter of the heap, at most 1 GB: room for about 200,000 assets' documents. */
    private static int defaultCacheMb() {
        long quarterOfHeapMb = Runtime.getRuntime().maxMemory() / (4L * 1024 * 1024);
        return (int) Math.max(16, Math.min(1024, quarterOfHeapMb));
    }

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(@Value("${opsledger.mongodb-uri}") String uri, org.springframework.beans.factory.ObjectProvider<EmbeddedMongo> embedded) {
        EmbeddedMongo local = embedded.getIfAvailable();
        String target = local == null ? uri
                : "mongodb://" + local.address().getHostString() + ":" + local.address().getPort();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(target))
                .writeConcern(local == null ? WriteConcern.MAJORITY.withJournal(true) : WriteConcern.ACKNOWLEDGED)
                .build());
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoClient client, @Value("${opsledger.mongodb-uri}") String uri) {
        String name = uri.isBlank() ? null : new ConnectionString(uri).getDatabase();
        return client.getDatabase(name == null ? "opsledger" : name);
    }

    @Bean
    public ProjectionDurability projectionDurability(org.springframework.beans.factory.ObjectProvider<EmbeddedMongo> embedded) {
        EmbeddedMongo local = embedded.getIfAvailable();
        // an external MongoDB acknowledges journaled majority writes; nothing more to do there
        return local == null ? () -> { } : () -> local.backend().commit();
    }
}
