package io.opsledger.inventory;

import java.time.Instant;

/** Questions about discovery jobs, and the view that answers them. */
public final class DiscoveryQueries {
    private DiscoveryQueries() {}

    /** Null fields do not filter. Newest first. */
    public record ListDiscoveryJobs(String status, String awsAccount, int offset, int limit) {}
    public record DiscoveryJobPage(long count, java.util.List<DiscoveryJobView> results) {}
    /** Also a subscription query: its updates are the job as it changes. */
    public record FindDiscoveryJob(String id) {}

    /** A job as the contract shows it, with the running job's progress (current account and region). */
    public record DiscoveryJobView(String id, String awsAccount, String awsAccountName, String status, Instant startedAt,
                                   Instant completedAt, int resourcesDiscovered, int resourcesUpdated, int resourcesNew,
                                   int resourcesDecommissioned, String errorMessage, String triggeredByUsername,
                                   String logOutput, Long durationSeconds, String currentAccount, String currentRegion) {
        public boolean ended() { return "COMPLETED".equals(status) || "FAILED".equals(status); }
    }
}
