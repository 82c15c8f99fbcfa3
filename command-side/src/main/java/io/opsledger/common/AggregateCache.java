package io.opsledger.common;

/**
 * The cache every aggregate names ({@code @Aggregate(cache = AggregateCache.NAME)}): a command then
 * finds its aggregate in memory instead of reading (and applying) all its events again. Only a node
 * that is the event store's sole writer may trust it, so the runtime backs it with a real cache on
 * the embedded default and with none where several nodes share the store.
 */
public final class AggregateCache {

    public static final String NAME = "aggregateCache";

    private AggregateCache() {
    }
}
