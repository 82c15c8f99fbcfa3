package io.opsledger.common;

/**
 * The snapshot trigger an aggregate with a long life names
 * ({@code @Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER)}): after every so many
 * events a snapshot is stored, and loading the aggregate reads the snapshot and the events after it
 * instead of its whole history. Snapshots are written by Axon's general serializer, which sees an
 * object through its getters: such an aggregate shows it its fields
 * ({@code @JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE)}).
 */
public final class AggregateSnapshots {

    public static final String TRIGGER = "aggregateSnapshotTrigger";

    private AggregateSnapshots() {
    }
}
