package io.opsledger.drift;

import io.opsledger.drift.api.DriftDetectionMessages.AttributeDrift;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Questions about drift detection jobs, their results and the resources' live side, and the views that answer them. */
public final class DriftDetectionQueries {
    private DriftDetectionQueries() {}

    // ---- jobs

    public record FindDriftJob(String jobId) {}
    /** Whether a job is pending or running; answered with a {@link DriftJobView} or null. */
    public record FindActiveDriftJob() {}
    /** The newest completed job, or null. */
    public record FindLastCompletedDriftJob() {}

    public record DriftJobView(String id, String stateId, String resourceId, String status, int progress,
                               int resourcesToCheck, int resourcesChecked, int resourcesWithDrift, int driftCount,
                               int missing, int unmanaged, Map<String, Integer> bySeverity, String errorMessage,
                               String requestedBy, List<String> log, Instant createdAt, Instant startedAt,
                               Instant completedAt) {}

    // ---- results

    /**
     * @param status      a job status (pending, running, completed, failed) or a drift status (active,
     *                    resolved, ignored, suppressed), or null
     * @param resourceId  a resource's /resources id, or null
     */
    public record ListDriftResults(String status, String resourceId, String jobId, int offset, int limit) {}
    public record FindDriftResult(String resultId) {}

    public record DriftResultView(String id, String jobId, String resourceId, String stateId, String address,
                                  String resourceType, String name, String cloudId, String region, String presence,
                                  String status, String driftStatus, boolean latest, int driftCount,
                                  List<AttributeDrift> drifts, int ignoredDifferences, Instant createdAt,
                                  Instant completedAt) {
        public boolean driftDetected() { return driftCount > 0; }
    }

    public record DriftResultPage(long total, List<DriftResultView> results) {}

    /** The newest result of every resource (deleted ones left out). */
    public record ListLatestDriftResults() {}

    /** Results checked since {@code since}, optionally of one resource (deleted ones left out). */
    public record ListDriftResultsSince(Instant since, String resourceId) {}
}
