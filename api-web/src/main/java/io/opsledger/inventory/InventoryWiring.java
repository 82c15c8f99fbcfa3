package io.opsledger.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.platform.IdSequences;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The asset inventory's read models (their processing groups start with "projection.", so writes
 * wait for them), its asset numbers, and the accounts' connection test and cost refresh.
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

    /** Fetches Cost Explorer costs for each account a refresh_costs asked about. */
    @Bean
    public CostRefresher costRefresher(AwsGateway aws, SecretCipher cipher, CommandGateway commands) {
        return new CostRefresher(aws, cipher, commands, Clock.systemUTC());
    }

    /** An asset's relationships are deleted in the unit of work of its deletion (see {@link RelationshipCascade}). */
    @Bean
    public ConfigurerModule relationshipCascadeInDeletingUnitOfWork() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(RelationshipCascade.GROUP)
                // a link that cannot be deleted fails the asset's deletion, as when the links went first
                .registerListenerInvocationErrorHandler(RelationshipCascade.GROUP, config -> PropagatingErrorHandler.instance()));
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
