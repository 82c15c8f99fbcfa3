package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.DriftDetectionRequested;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Runs a drift detection job ({@code POST /api/v1/drift/detect} or the schedule): compares the
 * states' attributes with the live ones from AWS (through the
 * {@link io.opsledger.gateway.aws.AwsLiveResources} port), reports resources missing in the cloud
 * and, on a deep scan, unmanaged resources of the same types, records results with progress, and
 * completes or fails the job (see {@link DriftDetector}).
 *
 * <p>The run itself is handed to {@link DriftRuns}, a persistent task claimed by one node and
 * revived elsewhere if that node dies, so that a long run neither holds this saga's event
 * processor nor runs twice when another node takes the processor over.
 */
public class DriftDetectionSaga {

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(DriftDetectionRequested event, DriftRuns runs) {
        runs.start(event);
        SagaLifecycle.end();
    }
}
