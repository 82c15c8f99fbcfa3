package io.opsledger.drift.detect;

import io.opsledger.common.Queries;
import io.opsledger.drift.api.DriftQueries.FindStateResources;
import io.opsledger.drift.api.DriftQueries.StateResourceView;

import java.util.List;

/** What drift detection asks the state read models (answered through the drift-state queries). */
public interface DriftInventory {

    /** The resource instances of one state, or of every state when {@code stateId} is null. */
    List<TrackedResource> stateResources(String stateId);

    /** Answered by the drift-state queries. */
    static DriftInventory queried(Queries queries) {
        return stateId -> queries.list(new FindStateResources(stateId), StateResourceView.class).stream()
                .map(r -> new TrackedResource(r.stateId(), r.backendId(), r.address(), r.mode(), r.type(), r.name(),
                        r.provider(), r.resourceId(), r.attributes()))
                .toList();
    }
}
