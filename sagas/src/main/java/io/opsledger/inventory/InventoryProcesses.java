package io.opsledger.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.opsledger.common.Actor;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCreated;
import io.opsledger.platform.BackgroundRuns;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The asset inventory's processes: the accounts' connection test and cost refresh, the saga that
 * runs a discovery job (as a background run, with what it asks the inventory), and the saga that
 * schedules discovery from the site settings. "One job at a time" is the inventory's rule
 * ({@link InventoryClaims}, {@link DiscoveryTriggers}).
 */
@Configuration
public class InventoryProcesses {

    static final String DISCOVERY_RUN_TASK = "inventory-discovery-run";

    @Bean
    public AccountConnections accountConnections(AwsGateway aws, SecretCipher cipher) {
        return new AccountConnections(aws, cipher);
    }

    /** Fetches Cost Explorer costs for each account a refresh_costs asked about. */
    @Bean
    public CostRefresher costRefresher(AwsGateway aws, SecretCipher cipher, CommandGateway commands) {
        return new CostRefresher(aws, cipher, commands, Clock.systemUTC());
    }

    @Bean
    public OneTimeTask<String> discoveryRunTask(AwsDiscovery discovery, ObjectMapper json) {
        return BackgroundRuns.task(DISCOVERY_RUN_TASK, DiscoveryJobCreated.class, "discovery job", json, discovery::run);
    }

    @Bean
    public AwsDiscovery awsDiscovery(CommandGateway commands, AwsGateway aws, DiscoveryInventory inventory,
                                     SecretCipher cipher) {
        return new AwsDiscovery(commands, aws, inventory, cipher);
    }

    /** Hands a job to {@link #discoveryRunTask}; a redelivered creation event finds its run already there. */
    @Bean
    public BackgroundDiscovery backgroundDiscovery(SchedulerClient scheduler, OneTimeTask<String> discoveryRunTask, ObjectMapper json) {
        return job -> BackgroundRuns.start(scheduler, discoveryRunTask, job.jobId(), job, json);
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

    /** The schedule's trigger: the endpoint's one-job rule, as user "scheduler", outside the deadline's unit of work. */
    @Bean
    public ScheduledDiscoveryTrigger scheduledDiscoveryTrigger(DiscoveryTriggers triggers) {
        return triggeredBy -> BackgroundRuns.onOwnThread("scheduled-discovery",
                () -> triggers.trigger(null, "", triggeredBy, Actor.system(triggeredBy)));
    }

    @Bean
    public DiscoveryInventory discoveryInventory(Queries queries, AssetNumbers numbers) {
        return DiscoveryInventory.queried(queries, numbers::next);
    }
}
