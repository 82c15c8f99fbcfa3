package io.opsledger.backup;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backup context's read models (processing groups starting with "projection.": writes wait for them). */
@Configuration
public class BackupReadModels {

    @Bean
    public BackupServerProjection backupServerProjection(MongoDatabase db) { return new BackupServerProjection(db); }

    @Bean
    public StorageMountProjection storageMountProjection(MongoDatabase db) { return new StorageMountProjection(db); }
}
