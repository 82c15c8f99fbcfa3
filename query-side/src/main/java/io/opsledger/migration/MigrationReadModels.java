package io.opsledger.migration;

import com.mongodb.client.MongoDatabase;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The migration context's read models (processing groups starting with "projection.": writes wait for them). */
@Configuration
public class MigrationReadModels {

    @Bean
    public MigrationCredentialProjection migrationCredentialProjection(MongoDatabase db) {
        return new MigrationCredentialProjection(db);
    }

    @Bean
    public MountPointProjection migrationMountPointProjection(MongoDatabase db) { return new MountPointProjection(db); }

    @Bean
    public WorkLoadProjection migrationWorkLoadProjection(MongoDatabase db) { return new WorkLoadProjection(db); }

    @Bean
    public MigrationTargetProjection migrationTargetProjection(MongoDatabase db) { return new MigrationTargetProjection(db); }

    @Bean
    public MigrationProjection migrationProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new MigrationProjection(db, emitter);
    }
}
