package io.opsledger.inventory;

import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCreated;

/**
 * Where a discovery job's run is carried out: exactly once across the nodes, surviving the death of
 * the node running it (it is then run again elsewhere; every step of a run is matched or idempotent).
 */
public interface BackgroundDiscovery {
    void start(DiscoveryJobCreated job);
}
