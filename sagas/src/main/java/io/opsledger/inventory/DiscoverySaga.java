package io.opsledger.inventory;

import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCreated;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Runs a discovery job: for each account and each of its discovery regions, asks AWS (through the
 * {@link io.opsledger.gateway.aws.AwsGateway} port) what is there, records every resource as an
 * asset (new or seen again), decommissions the account's AWS assets it no longer finds, and
 * completes or fails the job, reporting progress on the way (see {@link AwsDiscovery}).
 *
 * <p>The run itself is handed to {@link BackgroundDiscovery}, a persistent task claimed by one node and
 * revived elsewhere if that node dies, so that a run of many minutes neither holds this saga's
 * event processor nor runs twice when another node takes the processor over.
 */
public class DiscoverySaga {

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(DiscoveryJobCreated event, BackgroundDiscovery discovery) {
        discovery.start(event);
        SagaLifecycle.end();
    }
}
