package io.opsledger.drift;

import io.opsledger.common.Queries;
import io.opsledger.common.Commands;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.mongodb.client.MongoDatabase;
import io.opsledger.drift.DriftDetectionQueries.DriftJobView;
import io.opsledger.drift.DriftDetectionQueries.FindActiveDriftJob;
import io.opsledger.drift.api.DriftDetectionMessages.DriftDetectionRequested;
import io.opsledger.drift.api.DriftDetectionMessages.RequestDriftDetection;
import io.opsledger.drift.detect.DriftAwsAccess;
import io.opsledger.drift.detect.DriftDetectionSaga;
import io.opsledger.drift.detect.DriftInventory;
import io.opsledger.drift.detect.DriftDetector;
import io.opsledger.drift.detect.DriftRuns;
import io.opsledger.drift.detect.DriftScheduleSaga;
import io.opsledger.drift.detect.ResourceTagWriter;
import io.opsledger.drift.detect.ScheduledDriftTrigger;
import io.opsledger.gateway.aws.AwsLiveResources;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.gateway.aws.SdkAwsLiveResources;
import io.opsledger.common.Actor;
import io.opsledger.platform.BackgroundRuns;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;
import java.util.UUID;

/**
 * Drift detection: its read models (processing groups "projection.drift.*", so writes wait for
 * them), the AWS live-resources adapter, the detection and schedule sagas with what they ask, and
 * the tag writer.
 *
 * <p>Configuration ({@code opsledger.drift.*}, see application.yml): the AWS account detection reads
 * ({@code OPSLEDGER_DRIFT_AWS_ACCESS_KEY_ID}/{@code _SECRET_ACCESS_KEY}, else the standard
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}; optional role ARN to assume; default
 * region), and {@code OPSLEDGER_DRIFT_DETECTION_INTERVAL} (an ISO-8601 duration such as PT6H, or
 * plain seconds; 0 or empty: no scheduled detection).
 */
@Configuration
public class DriftDetectionWiring {

    @Bean
    public DriftJobProjection driftJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new DriftJobProjection(db, emitter);
    }

    @Bean
    public DriftResultProjection driftResultProjection(MongoDatabase db) { return new DriftResultProjection(db); }

    /** DriftMgr's resources; a resource whose attributes name no region is in detection's home region. */
    @Bean
    public ResourceProjection driftResourceProjection(MongoDatabase db, DriftAwsAccess access) {
        return new ResourceProjection(db, () -> access.target().map(AwsTarget::region).orElse("us-east-1"));
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

    static final String RUN_TASK = "drift-detection-run";

    /** A job's run as a db-scheduler task: claimed by one node, revived on another if that node dies. */
    @Bean
    public OneTimeTask<String> driftRunTask(DriftDetector detector, ObjectMapper json) {
        return BackgroundRuns.task(RUN_TASK, DriftDetectionRequested.class, "drift detection job", json, detector::run);
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

    /**
     * The schedule's trigger: a detection of every state as "scheduler", unless one is pending or
     * running; on a thread of its own so its command commits outside the deadline's unit of work.
     */
    @Bean
    public ScheduledDriftTrigger scheduledDriftTrigger(Commands commands, Queries queries) {
        return requestedBy -> BackgroundRuns.onOwnThread("scheduled-drift-detection", () -> {
            if (queries.one(new FindActiveDriftJob(), DriftJobView.class) != null) {
                return Optional.<String>empty();
            }
            String jobId = UUID.randomUUID().toString();
            commands.send(new RequestDriftDetection(jobId, null, null, true, true, requestedBy), Actor.system(requestedBy));
            return Optional.of(jobId);
        });
    }

    /** Every start tells the schedule the configured interval; only a change reschedules. */
    @Bean
    public ApplicationRunner driftScheduleFromConfiguration(CommandGateway commands,
                                                            @Value("${opsledger.drift.detection-interval:0}") String interval) {
        long seconds = DriftScheduleSaga.intervalSeconds(interval);
        return args -> DriftScheduleSaga.configure(commands, seconds);
    }
}
