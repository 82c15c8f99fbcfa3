package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.DriftDetectionRequested;
import io.opsledger.gateway.aws.AwsLiveResources;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a drift detection job ({@code POST /api/v1/drift/detect} or the schedule): compares the
 * states' attributes with the live ones from AWS (through the {@link AwsLiveResources} port),
 * reports resources missing in the cloud and, on a deep scan, unmanaged resources of the same
 * types, records results with progress, and completes or fails the job.
 *
 * <p>As in discovery, the run happens while the request event is handled (a node that dies
 * mid-run leaves it unacknowledged and the run starts again elsewhere; result ids are
 * deterministic, so the read model stays right), on a thread of its own so that each command
 * commits on its own and progress shows as it goes.
 */
public class DriftDetectionSaga {

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(DriftDetectionRequested event, CommandGateway commands, AwsLiveResources aws, DriftInventory inventory,
                   DriftAwsAccess access) {
        DriftDetectionRun run = new DriftDetectionRun(event, commands, aws, inventory, access);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "drift-detection-" + event.jobId());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drift job " + event.jobId() + " ran", e);
        }
        if (failure.get() != null) {
            LoggerFactory.getLogger(DriftDetectionSaga.class).warn("drift job {} stopped", event.jobId(), failure.get());
        }
        SagaLifecycle.end();
    }
}
