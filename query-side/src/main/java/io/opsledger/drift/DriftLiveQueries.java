package io.opsledger.drift;

import java.time.Instant;
import java.util.Map;

/**
 * DriftMgr's live updates as a subscription query. Its initial answer only confirms the
 * subscription; its updates are the messages of the contract's WebSocket API.
 */
public final class DriftLiveQueries {
    private DriftLiveQueries() {}

    /** Every live update of the drift context (states, resources, detections, alerts, logs). */
    public record WatchDriftLive() {}

    /**
     * One live message: a contract message type (state_update, resource_update, drift_detection,
     * system_alert, log), its data with the contract's keys, and when it happened.
     */
    public record DriftLiveUpdate(String type, Map<String, Object> data, Instant timestamp) {}
}
