package io.opsledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.opsledger.inventory.AssetProjection;
import io.opsledger.inventory.RelationshipProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The asset inventory's asset and relationship read models. */
@Configuration
public class InventoryAssetsConfiguration {

    @Bean
    public AssetProjection assetProjection(MongoDatabase db, ObjectMapper json) { return new AssetProjection(db, json); }

    @Bean
    public RelationshipProjection relationshipProjection(MongoDatabase db) { return new RelationshipProjection(db); }
}
