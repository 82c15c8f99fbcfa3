package io.opsledger.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The asset inventory's read models: accounts, categories, assets, relationships and discovery
 * jobs (their processing groups start with "projection.", so writes wait for them).
 */
@Configuration
public class InventoryReadModels {

    @Bean
    public AccountProjection accountProjection(MongoDatabase db) { return new AccountProjection(db); }

    @Bean
    public CategoryProjection categoryProjection(MongoDatabase db) { return new CategoryProjection(db); }

    @Bean
    public AssetProjection assetProjection(MongoDatabase db, ObjectMapper json) { return new AssetProjection(db, json); }

    @Bean
    public RelationshipProjection relationshipProjection(MongoDatabase db) { return new RelationshipProjection(db); }

    @Bean
    public DiscoveryJobProjection discoveryJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new DiscoveryJobProjection(db, emitter);
    }
}
