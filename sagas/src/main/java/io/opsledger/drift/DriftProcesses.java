package io.opsledger.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.drift.api.DriftDetectionMessages.DriftDetectionRequested;
import io.opsledger.drift.detect.DriftAwsAccess;
import io.opsledger.drift.detect.DriftDetectionSaga;
import io.opsledger.drift.detect.DriftDetector;
import io.opsledger.drift.detect.DriftInventory;
import io.opsledger.drift.detect.DriftRuns;
import io.opsledger.drift.detect.DriftScheduleSaga;
import io.opsledger.drift.detect.ResourceTagWriter;
import io.opsledger.gateway.aws.AwsLiveResources;
import io.opsledger.gateway.aws.SdkAwsLiveResources;
import io.opsledger.gateway.tfstate.LocalStateStorage;
import io.opsledger.gateway.tfstate.S3StateStorage;
import io.opsledger.gateway.tfstate.StateStorages;
import io.opsledger.platform.BackgroundRuns;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DriftMgr's processes. State files: the storage adapters (S3 through OPSLEDGER_AWS_ENDPOINT like
 * every AWS call; local directories) and the files' content on them, sensitive values sealed under
 * the master key; what reads them into the event log and locks them (StateSync, StateLocks,
 * StateBackends). Drift detection: the AWS live-resources adapter, the detection and schedule sagas
 * with what they ask, and the tag writer.
 *
 * <p>Configuration ({@code opsledger.drift.*}, see application.yml): the AWS account detection reads
 * ({@code OPSLEDGER_DRIFT_AWS_ACCESS_KEY_ID}/{@code _SECRET_ACCESS_KEY}, else the standard
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}; optional role ARN to assume; default
 * region), and {@code OPSLEDGER_DRIFT_DETECTION_INTERVAL} (an ISO-8601 duration such as PT6H, or
 * plain seconds; 0 or empty: no scheduled detection).
 */
@Configuration
public class DriftProcesses {

    static final String DETECTION_RUN_TASK = "drift-detection-run";

    @Bean(destroyMethod = "close")
    public S3StateStorage s3StateStorage(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return S3StateStorage.forEndpoint(endpoint);
    }

    @Bean
    public StateStorages stateStorages(S3StateStorage s3) { return new StateStorages(s3, new LocalStateStorage()); }

    @Bean
    public StateFileStore stateFileStore(StateStorages storages, SecretCipher cipher) { return new StateFileStore(storages, cipher); }

    @Bean
    public StateSync stateSync(Commands commands, Queries queries, StateStorages storages, StateFileStore files) {
        return new StateSync(commands, queries, storages, files);
    }

    @Bean
    public StateLocks stateLocks(Commands commands, Queries queries, StateSync sync, StateFileStore files) {
        return new StateLocks(commands, queries, sync, files);
    }

    @Bean
    public StateBackends stateBackends(Commands commands, Queries queries, StateSync sync, S3StateStorage s3) {
        return new StateBackends(commands, queries, sync, s3);
    }

    @Bean(destroyMethod = "close")
    public SdkAwsLiveResources awsLiveResources(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return SdkAwsLiveResources.forEndpoint(endpoint);
    }

    @Bean
    public DriftAwsAccess driftAwsAccess(@Value("${opsledger.drift.aws.access-key-id:}") String keyId,
                                         @Value("${opsledger.drift.aws.secret-access-key:}") String secret,
                                         @Value("${opsledger.drift.aws.session-token:}") String token,
                                         @Value("${opsledger.drift.aws.role-arn:}") String role,
                                         @Value("${opsledger.drift.aws.region:us-east-1}") String region) {
        return DriftAwsAccess.configured(keyId, secret, token, role, region);
    }

    @Bean
    public DriftInventory driftInventory(Queries queries) { return DriftInventory.queried(queries); }

    @Bean
    public ResourceTagWriter resourceTagWriter(AwsLiveResources aws, DriftAwsAccess access, EventGateway events) {
        return new ResourceTagWriter(aws, access, events);
    }

    @Bean
    public ResourceTags resourceTags(Commands commands) { return new ResourceTags(commands); }

    /** A job's run as a db-scheduler task: claimed by one node, revived on another if that node dies. */
    @Bean
    public OneTimeTask<String> driftRunTask(DriftDetector detector, ObjectMapper json) {
        return BackgroundRuns.task(DETECTION_RUN_TASK, DriftDetectionRequested.class, "drift detection job", json, detector::run);
    }

    @Bean
    public DriftDetector driftDetector(CommandGateway commands, AwsLiveResources aws, DriftInventory inventory, DriftAwsAccess access) {
        return new DriftDetector(commands, aws, inventory, access);
    }

    /** Hands a job to {@link #driftRunTask}; a redelivered request event finds its run already there. */
    @Bean
    public DriftRuns driftRuns(SchedulerClient scheduler, OneTimeTask<String> driftRunTask, ObjectMapper json) {
        return job -> BackgroundRuns.start(scheduler, driftRunTask, job.jobId(), job, json);
    }

    @Bean
    public ConfigurerModule driftDetectionSagas() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSaga(DriftDetectionSaga.class)
                .registerSaga(DriftScheduleSaga.class));
    }

    /** Every start tells the schedule the configured interval; only a change reschedules. */
    @Bean
    public ApplicationRunner driftScheduleFromConfiguration(CommandGateway commands,
                                                            @Value("${opsledger.drift.detection-interval:0}") String interval) {
        long seconds = DriftScheduleSaga.intervalSeconds(interval);
        return args -> DriftScheduleSaga.configure(commands, seconds);
    }
}
