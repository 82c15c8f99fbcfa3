package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCreated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a discovery job: for each account and each of its discovery regions, asks AWS (through the
 * {@link AwsGateway} port) what is there, records every resource as an asset (new or seen again),
 * decommissions the account's AWS assets it no longer finds, and completes or fails the job,
 * reporting progress on the way.
 *
 * <p>The run happens while the job's creation event is handled, so a node that dies mid-run leaves
 * the event unacknowledged and the run starts again elsewhere (every step is idempotent or matched
 * again). It runs on a thread of its own so that each command it sends commits on its own, and
 * progress is visible as it goes, not only once the run is over.
 */
public class DiscoverySaga {

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(DiscoveryJobCreated event, CommandGateway commands, AwsGateway aws, DiscoveryInventory inventory,
                   SecretCipher cipher) {
        DiscoveryRun run = new DiscoveryRun(event, commands, aws, inventory, cipher::decrypt);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "discovery-" + event.jobId());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while discovery job " + event.jobId() + " ran", e);
        }
        if (failure.get() != null) {
            // the job could not even be started or ended (it ended already, or the inventory is unreachable)
            LoggerFactory.getLogger(DiscoverySaga.class).warn("discovery job {} stopped", event.jobId(), failure.get());
        }
        SagaLifecycle.end();
    }
}
