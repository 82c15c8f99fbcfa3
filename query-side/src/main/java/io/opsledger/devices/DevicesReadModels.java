package io.opsledger.devices;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The devices context's read models (processing groups starting with "projection.": writes wait for them). */
@Configuration
public class DevicesReadModels {

    @Bean
    public PlatformProjection devicesPlatformProjection(MongoDatabase db) { return new PlatformProjection(db); }

    @Bean
    public ProjectProjection devicesProjectProjection(MongoDatabase db) { return new ProjectProjection(db); }

    @Bean
    public ComputerProjection devicesComputerProjection(MongoDatabase db) { return new ComputerProjection(db); }
}
