package io.opsledger.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.platform.IdSequences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The asset inventory's read models (their processing groups start with "projection.", so writes
 * wait for them), its asset numbers, and the accounts' connection test.
 */
@Configuration
public class InventoryWiring {

    @Bean
    public AccountProjection accountProjection(MongoDatabase db) { return new AccountProjection(db); }

    @Bean
    public CategoryProjection categoryProjection(MongoDatabase db) { return new CategoryProjection(db); }

    @Bean
    public AssetProjection assetProjection(MongoDatabase db, ObjectMapper json) { return new AssetProjection(db, json); }

    @Bean
    public RelationshipProjection relationshipProjection(MongoDatabase db) { return new RelationshipProjection(db); }

    @Bean
    public AccountConnections accountConnections(AwsGateway aws, SecretCipher cipher) {
        return new AccountConnections(aws, cipher);
    }

    /** ASSET-0001, ASSET-0002, ...: one sequence across nodes, for assets added by hand and by discovery. */
    @Bean
    public AssetNumbers assetNumbers(IdSequences ids) {
        return () -> String.format("ASSET-%04d", ids.next("asset"));
    }

    /** A new, never used asset number. */
    public interface AssetNumbers {
        String next();
    }
}
