package io.opsledger.drift;

import io.opsledger.drift.DriftLiveQueries.DriftLiveUpdate;
import io.opsledger.drift.DriftLiveQueries.WatchDriftLive;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where the drift context's events become live messages. It keeps no read model:
 * each event is turned into the contract's message and emitted to the subscribers of
 * {@link WatchDriftLive}.
 *
 * <p>It runs on every node ({@link #GROUP} is a per-node processor starting at the head of the
 * event stream with its token in memory), because the query bus's updates only reach subscribers
 * on the node that emits them: so every node's WebSocket subscribers get every update.
 */
@ProcessingGroup(DriftLiveFeed.GROUP)
public class DriftLiveFeed {

    /** Not a "projection." group: writes do not wait for it, and each node runs its own. */
    public static final String GROUP = "live.drift";

    private final QueryUpdateEmitter emitter;
    private final int alertThreshold;

    public DriftLiveFeed(QueryUpdateEmitter emitter, int alertThreshold) {
        this.emitter = emitter;
        this.alertThreshold = alertThreshold;
    }

    public int alertThreshold() { return alertThreshold; }

    @QueryHandler
    public String handle(WatchDriftLive query) { return "subscribed"; }

    void emit(String type, Map<String, Object> data, Instant at) {
        emitter.emit(WatchDriftLive.class, q -> true, new DriftLiveUpdate(type, data, at == null ? Instant.now() : at));
    }

    /** A map keeping its keys in order and allowing nulls (the contract shows null fields). */
    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }
}
