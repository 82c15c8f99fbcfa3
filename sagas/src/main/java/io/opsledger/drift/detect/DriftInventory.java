package io.opsledger.drift.detect;

import java.util.List;

/** What drift detection asks the state read models (answered through the drift-state queries). */
public interface DriftInventory {

    /** The resource instances of one state, or of every state when {@code stateId} is null. */
    List<TrackedResource> stateResources(String stateId);
}
