package io.opsledger.platform;

import io.opsledger.common.claims.UniqueClaims;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.mongodb.client.MongoDatabase;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.inventory.DiscoveryRunner;
import io.opsledger.inventory.DiscoveryRuns;
import io.opsledger.inventory.DiscoveryInventory;
import io.opsledger.inventory.DiscoveryJobProjection;
import io.opsledger.inventory.DiscoverySaga;
import io.opsledger.inventory.DiscoveryScheduleSaga;
import io.opsledger.inventory.ScheduledDiscoveryTrigger;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import io.opsledger.web.RequestContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Discovery: the jobs read model, the saga that runs a job (with what it asks the inventory), the
 * saga that schedules discovery from the site settings, and the release of the "one job at a time"
 * claim once a job has ended.
 */
@Configuration
public class DiscoveryConfiguration {

    /** The claim a trigger takes before it creates a job (value {@link #CLAIM_VALUE}, owner: the job id). */
    public static final String CLAIM_SCOPE = "inventory.discovery";
    public static final String CLAIM_VALUE = "active";
    static final String RUN_TASK = "inventory-discovery-run";
    private static final Logger log = LoggerFactory.getLogger(DiscoveryConfiguration.class);

    @Bean
    public DiscoveryJobProjection discoveryJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new DiscoveryJobProjection(db, emitter);
    }

    /** A job's run as a db-scheduler task: claimed by one node, revived on another if that node dies. */
    @Bean
    public OneTimeTask<String> discoveryRunTask(DiscoveryRunner runner, ObjectMapper json) {
        return Tasks.oneTime(RUN_TASK, String.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    DiscoveryJobCreated job;
                    try {
                        job = json.readValue(instance.getData(), DiscoveryJobCreated.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable discovery run " + instance.getId(), e);
                    }
                    try {
                        runner.run(job);
                    } catch (RuntimeException e) {
                        // the job could not even be started or ended (it ended already, or the inventory is unreachable)
                        log.warn("discovery job {} stopped", job.jobId(), e);
                    }
                });
    }

    @Bean
    public DiscoveryRunner discoveryRunner(CommandGateway commands, AwsGateway aws, DiscoveryInventory inventory,
                                           SecretCipher cipher) {
        return new DiscoveryRunner(commands, aws, inventory, cipher);
    }

    /** Hands a job to {@link #discoveryRunTask}; a redelivered creation event finds its run already there. */
    @Bean
    public DiscoveryRuns discoveryRuns(SchedulerClient scheduler, OneTimeTask<String> discoveryRunTask, ObjectMapper json) {
        return job -> {
            try {
                scheduler.scheduleIfNotExists(discoveryRunTask.instance(job.jobId(), json.writeValueAsString(job)), Instant.now());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Bean
    public ConfigurerModule discoverySaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(DiscoverySaga.class));
    }

    /** Scheduled discovery from the site settings' discovery_interval, through the persistent deadline manager. */
    @Bean
    public ConfigurerModule discoveryScheduleSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(DiscoveryScheduleSaga.class));
    }

    /**
     * The schedule's trigger: the endpoint's one-job rule, as user "scheduler". It runs on a thread
     * of its own so that the job's command commits on its own, not inside the deadline's unit of
     * work (whose end it would otherwise wait for, through read-your-writes).
     */
    @Bean
    public ScheduledDiscoveryTrigger scheduledDiscoveryTrigger(DiscoveryTriggers triggers) {
        return triggeredBy -> {
            AtomicReference<Optional<String>> started = new AtomicReference<>(Optional.empty());
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    started.set(triggers.trigger(null, "", triggeredBy, RequestContext.system(triggeredBy)));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "scheduled-discovery");
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while triggering a scheduled discovery", e);
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return started.get();
        };
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
            public List<MatchableAsset> matchableAssets(String awsAccount) {
                return queries.query(new FindMatchableAssets(awsAccount), ResponseTypes.multipleInstancesOf(MatchableAsset.class))
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
