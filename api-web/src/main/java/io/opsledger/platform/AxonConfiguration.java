package io.opsledger.platform;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.opsledger.common.AggregateCache;
import io.opsledger.common.AggregateSnapshots;
import io.opsledger.common.RuleViolation;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.Executors;

/**
 * Axon as OpsLedger runs it: Jackson everywhere (events are what compliance staff read), pooled
 * streaming processors with their tokens in the relational store, a JDBC dead-letter queue per
 * processing group, audit metadata copied from each command to its events, and retries when two
 * nodes race on one aggregate.
 */
@Configuration
public class AxonConfiguration {

    /**
     * Processing groups named "live.*" feed subscribers only (e.g. DriftMgr's WebSocket): no history to
     * replay and no dead letters, a live message that failed is simply not sent.
     */
    public static final String LIVE_PREFIX = "live.";

    /**
     * Metadata keys every event carries, copied from the command that caused it. {@code cause} names
     * the run of a process a command belongs to (e.g. "directory-sync:<id>"), when it does.
     */
    public static final String[] AUDIT_METADATA = {"userId", "username", "contract", "remoteAddress", "requestId", "cause"};

    @Bean
    @Primary
    public ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Events are records; aggregate snapshots are plain objects with private fields. */
    private static ObjectMapper axonMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }

    @Bean
    @Primary
    @Qualifier("serializer")
    public Serializer serializer() {
        // tokens and saga state: Axon's own Jackson conventions, plus java.time
        return JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(axonMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(axonMapper()).build();
    }

    /** Axon's own correlation and trace ids; declaring any provider replaces its default, so keep it. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(AUDIT_METADATA);
    }

    /**
     * On the embedded default this process is the event store's only writer (H2 holds its file
     * locked), so an aggregate kept in memory is the aggregate: a command skips reading and applying
     * its history. Where nodes share the store (PostgreSQL, Axon Server) another node may have moved
     * it on, so every command reads the store. A command that fails drops its aggregate from the cache.
     */
    @Bean(AggregateCache.NAME)
    public Cache aggregateCache(@Value("${spring.datasource.url}") String eventStoreUrl,
                                @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        return !axonServer && eventStoreUrl.startsWith("jdbc:h2:") ? new WeakReferenceCache() : NoCache.INSTANCE;
    }

    /**
     * Axon's default query bus opens a relational transaction around every query; no query handler
     * reads the relational store in one (read models are in MongoDB), and under load the queries
     * queued for pool connections the writes needed.
     */
    @Bean
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /** A user logs in and a Terraform state is locked and unlocked for years: both load their last snapshot. */
    @Bean(AggregateSnapshots.TRIGGER)
    public SnapshotTriggerDefinition aggregateSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** Two nodes may handle commands for one aggregate at once; the loser retries. */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor())
                        .backoffFactor(50).maxRetryCount(5)
                        // a business rule's "no" is an answer, not a transient failure: no retries
                        .addNonTransientFailurePredicate(failure -> failure instanceof RuleViolation
                                || failure instanceof CommandExecutionException e
                                && e.getDetails().orElse(null) instanceof RuleViolation.Details)
                        .build())
                .build();
    }

    /**
     * A rule violation must keep its meaning when the command ran on another node: send it along
     * as the details of a CommandExecutionException.
     */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> ruleViolationDetails(CommandBus commandBus) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (RuleViolation violation) {
                throw new CommandExecutionException(violation.getMessage(), violation, violation.details());
            }
        };
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    public ConfigurerModule opsledgerEventProcessing(ConnectionProvider connections, TransactionManager transactions,
                                                  MongoConfiguration.ProjectionDurability durability) {
        ConfigurerModule module = configurer -> configurer.eventProcessing(processing -> processing
                // one segment keeps a projection's token a single row the read-your-writes barrier can read;
                // more nodes still share the work, one processing group each
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1).andBatchSize(100)
                        .andEventTrackerStatusChangeListener(ProjectionBarrier.PROGRESS_LISTENER))
                .registerDefaultHandlerInterceptor((config, name) -> (unitOfWork, chain) -> {
                    unitOfWork.onPrepareCommit(u -> durability.flush());
                    return chain.proceed();
                })
                .registerDeadLetterQueueProvider(group -> group.startsWith(LIVE_PREFIX) ? null
                        // a handler failing on an event parks it (and its aggregate's later events) here and
                        // says so in the log; the group goes on with every other aggregate
                        : config -> new LoggedDeadLetterQueue(group, JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group).connectionProvider(connections).transactionManager(transactions)
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(config.serializer()).eventSerializer(config.eventSerializer())
                        .build())));
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) { module.configureModule(configurer); }

            /**
             * After Axon's own modules: its JDBC auto-configuration registers a dead-letter queue
             * provider too (one only for processors with axon.eventhandling.processors.NAME.dlq.enabled),
             * and the last one registered wins. Before, ours lost: no group had a dead-letter queue,
             * and a failing handler's event was logged and skipped.
             */
            @Override
            public int order() { return 1; }
        };
    }
}
