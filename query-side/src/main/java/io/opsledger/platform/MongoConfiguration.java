package io.opsledger.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.opsledger.platform.mongo.EmbeddedMongo;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Projections live in MongoDB: an external one when OPSLEDGER_MONGODB_URI is set, otherwise the
 * MongoDB wire protocol served in-process by mongo-java-server over a file under the data folder
 * (the engine, with the projections' indexes, and its client are {@link EmbeddedMongo} in query-side).
 * Either way every projection speaks to it through the ordinary driver.
 */
@Configuration
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** Makes projection writes durable before the processor's token moves past them. */
    public interface ProjectionDurability {
        void flush();
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
        EmbeddedMongo.discardIfUnusable(file);
        if (!Files.exists(file)) {
            // projections are derived data: without their file (or with one an older version wrote),
            // every projection reads the event store again
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
        return EmbeddedMongo.start(file, port, cacheMb);
    }

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(@Value("${opsledger.mongodb-uri}") String uri, ObjectProvider<EmbeddedMongo> embedded) {
        return EmbeddedMongo.client(uri, embedded.getIfAvailable());
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoClient client, @Value("${opsledger.mongodb-uri}") String uri) {
        return client.getDatabase(EmbeddedMongo.databaseName(uri));
    }

    @Bean
    public ProjectionDurability projectionDurability(ObjectProvider<EmbeddedMongo> embedded) {
        EmbeddedMongo local = embedded.getIfAvailable();
        // an external MongoDB acknowledges journaled majority writes; nothing more to do there
        return local == null ? () -> { } : () -> local.backend().commit();
    }
}
