package io.opsledger.drift;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * DriftMgr's read models: backends, state files, detection jobs and results (processing groups
 * "projection.drift.*", so writes wait for them), and the live feed. Resources are wired in
 * api-web: their default region is detection's AWS account's, a saga-side setting.
 *
 * <p>The live feed runs on every node: a tracking processor whose token lives in memory (so each
 * node has its own, and no node's claim keeps another out) and starts at the head of the event
 * stream (a live feed has no history to replay). It has no dead-letter queue either: a live
 * message that failed is simply not sent. Each node counts the connections it serves
 * ({@link DriftLiveConnections}).
 */
@Configuration
public class DriftReadModels {

    @Bean
    public BackendProjection driftBackendProjection(MongoDatabase db) { return new BackendProjection(db); }

    @Bean
    public StateFileProjection driftStateFileProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new StateFileProjection(db, emitter);
    }

    @Bean
    public DriftJobProjection driftJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new DriftJobProjection(db, emitter);
    }

    @Bean
    public DriftResultProjection driftResultProjection(MongoDatabase db) { return new DriftResultProjection(db); }

    @Bean
    public DriftLiveFeed driftLiveFeed(QueryUpdateEmitter emitter,
                                       @Value("${opsledger.drift.alert-threshold:20}") int alertThreshold) {
        return new DriftLiveFeed(emitter, alertThreshold);
    }

    @Bean(destroyMethod = "stop")
    public DriftLiveConnections driftLiveConnections(MongoDatabase db,
                                                     @Value("${opsledger.drift.ws.publish-delay:100ms}") Duration publishDelay) {
        return new DriftLiveConnections(db, publishDelay);
    }

    @Bean
    public ConfigurerModule driftLiveProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(DriftLiveFeed.GROUP, config -> new InMemoryTokenStore())
                .registerTrackingEventProcessorConfiguration(DriftLiveFeed.GROUP, config ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1).andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
