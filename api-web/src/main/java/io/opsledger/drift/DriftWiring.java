package io.opsledger.drift;

import com.mongodb.client.MongoDatabase;
import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.drift.DriftDetectionQueries.DriftJobView;
import io.opsledger.drift.DriftDetectionQueries.FindActiveDriftJob;
import io.opsledger.drift.api.DriftDetectionMessages.RequestDriftDetection;
import io.opsledger.drift.detect.DriftAwsAccess;
import io.opsledger.drift.detect.ScheduledDriftTrigger;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.platform.BackgroundRuns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;
import java.util.UUID;

/**
 * What joins DriftMgr's read models ({@link DriftReadModels}) and processes ({@link DriftProcesses}):
 * the resources' default region is detection's AWS account's, and the schedule asks the jobs read
 * model whether a detection is already under way.
 */
@Configuration
public class DriftWiring {

    /** DriftMgr's resources; a resource whose attributes name no region is in detection's home region. */
    @Bean
    public ResourceProjection driftResourceProjection(MongoDatabase db, DriftAwsAccess access) {
        return new ResourceProjection(db, () -> access.target().map(AwsTarget::region).orElse("us-east-1"));
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
}
