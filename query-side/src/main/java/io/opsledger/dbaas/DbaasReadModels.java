package io.opsledger.dbaas;

import com.mongodb.client.MongoDatabase;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dbaas context's read models (processing groups starting with "projection.": writes wait for them). */
@Configuration
public class DbaasReadModels {

    @Bean
    public ProviderProjection providerProjection(MongoDatabase db) { return new ProviderProjection(db); }

    @Bean
    public ProjectProjection projectProjection(MongoDatabase db) { return new ProjectProjection(db); }

    @Bean
    public ClusterProjection clusterProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new ClusterProjection(db, emitter);
    }

    @Bean
    public CatalogueProjection catalogueProjection(MongoDatabase db) { return new CatalogueProjection(db); }
}
