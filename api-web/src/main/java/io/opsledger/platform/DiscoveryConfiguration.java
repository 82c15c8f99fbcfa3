package io.opsledger.platform;

import com.mongodb.client.MongoDatabase;
import io.opsledger.inventory.DiscoveryInventory;
import io.opsledger.inventory.DiscoveryJobProjection;
import io.opsledger.inventory.DiscoverySaga;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Discovery: the jobs read model, the saga that runs a job (with what it asks the inventory), and
 * the release of the "one job at a time" claim once a job has ended.
 */
@Configuration
public class DiscoveryConfiguration {

    /** The claim a trigger takes before it creates a job (value {@link #CLAIM_VALUE}, owner: the job id). */
    public static final String CLAIM_SCOPE = "inventory.discovery";
    public static final String CLAIM_VALUE = "active";

    @Bean
    public DiscoveryJobProjection discoveryJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new DiscoveryJobProjection(db, emitter);
    }

    @Bean
    public ConfigurerModule discoverySaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(DiscoverySaga.class));
    }

    @Bean
    public DiscoveryInventory discoveryInventory(QueryGateway queries, IdSequences ids) {
        return new DiscoveryInventory() {
            @Override
            public List<AccountToDiscover> accounts(List<String> accountIds) {
                return queries.query(new FindAccountsToDiscover(accountIds),
                        ResponseTypes.multipleInstancesOf(AccountToDiscover.class)).join();
            }

            @Override
            public String match(FindDiscoveredAssetMatch query) {
                DiscoveredAssetMatch match = queries.query(query, DiscoveredAssetMatch.class).join();
                return match == null ? null : match.assetId();
            }

            @Override
            public List<LiveAwsAsset> liveAssets(String awsAccount) {
                return queries.query(new FindLiveAwsAssets(awsAccount), ResponseTypes.multipleInstancesOf(LiveAwsAsset.class))
                        .join();
            }

            @Override
            public String nextAssetNumber() { return String.format("ASSET-%04d", ids.next("asset")); }
        };
    }

    @Bean
    public DiscoveryClaimRelease discoveryClaimRelease(UniqueClaims claims) { return new DiscoveryClaimRelease(claims); }

    /** An ended job gives up the claim, so the next trigger may start one. */
    @ProcessingGroup("inventory-discovery-claims")
    public static class DiscoveryClaimRelease {
        private final UniqueClaims claims;

        DiscoveryClaimRelease(UniqueClaims claims) { this.claims = claims; }

        @EventHandler
        void on(DiscoveryJobCompleted e) { claims.release(CLAIM_SCOPE, CLAIM_VALUE, e.jobId()); }

        @EventHandler
        void on(DiscoveryJobFailed e) { claims.release(CLAIM_SCOPE, CLAIM_VALUE, e.jobId()); }
    }
}
