package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.DriftDetectionRequested;

/**
 * Where a drift detection job's run is carried out: once across the nodes, surviving the death of
 * the node running it (it is then run again elsewhere; result ids are deterministic and a
 * redelivered start changes nothing).
 */
public interface DriftRuns {
    void start(DriftDetectionRequested job);
}
