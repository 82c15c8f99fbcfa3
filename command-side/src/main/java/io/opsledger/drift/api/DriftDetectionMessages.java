package io.opsledger.drift.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Drift detection (DriftMgr's POST /api/v1/drift/detect): commands and events of the
 * DriftDetectionJob aggregate (id: a UUID) and of the detection schedule. A job is pending,
 * running, completed or failed. Each checked resource gets one result whose drift status is
 * active (drift found), ignored (only ignore-listed differences), suppressed (drift found on a
 * resource tagged {@value #SUPPRESS_TAG}=true) or resolved (no drift; earlier active results of
 * the resource become resolved too).
 *
 * <p>These names are published language (the WebSocket feed maps them): keep them stable.
 */
public final class DriftDetectionMessages {
    private DriftDetectionMessages() {}

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final List<String> JOB_STATUSES = List.of(PENDING, RUNNING, COMPLETED, FAILED);

    public static final String ACTIVE = "active";
    public static final String RESOLVED = "resolved";
    public static final String IGNORED = "ignored";
    public static final String SUPPRESSED = "suppressed";
    public static final List<String> DRIFT_STATUSES = List.of(ACTIVE, RESOLVED, IGNORED, SUPPRESSED);

    /** A resource in a state and in the cloud. */
    public static final String PRESENT = "present";
    /** A resource in a state that the cloud no longer has. */
    public static final String MISSING = "missing";
    /** A cloud resource of a type the states manage, in none of them. */
    public static final String UNMANAGED = "unmanaged";

    /** A resource tag that turns its drift into "suppressed". */
    public static final String SUPPRESS_TAG = "driftmgr:suppress";

    /** The field a missing or unmanaged resource's one drift is reported on. */
    public static final String EXISTENCE_FIELD = "_resource";

    /**
     * @param stateId    the state to check, or null for every state
     * @param resourceId one resource (its /resources id) to check, or null for all of the state(s)
     * @param deepScan   also look for unmanaged resources of the types the states manage
     * @param includeDeleted report resources missing in the cloud
     */
    public record RequestDriftDetection(@TargetAggregateIdentifier String jobId, String stateId, String resourceId,
                                        boolean deepScan, boolean includeDeleted, String requestedBy) {}
    public record StartDriftDetection(@TargetAggregateIdentifier String jobId, int resourcesToCheck) {}
    /** @param resourcesChecked how many resources of the job have results so far, these included */
    public record RecordDriftResults(@TargetAggregateIdentifier String jobId, List<ResourceDriftResult> results,
                                     int resourcesChecked) {}
    /** The job's totals, as the run counted them (see {@link DriftDetectionCompleted}). */
    public record CompleteDriftDetection(@TargetAggregateIdentifier String jobId, int resourcesChecked, int resourcesWithDrift,
                                         int driftCount, Map<String, Integer> bySeverity, int missing, int unmanaged,
                                         List<String> logLines) {}
    public record FailDriftDetection(@TargetAggregateIdentifier String jobId, String errorMessage) {}
    public record DeleteDriftResult(@TargetAggregateIdentifier String jobId, String resultId, String deletedBy) {}

    /** One attribute that differs; expected and actual are JSON values (text, number, boolean, list, map, null). */
    public record AttributeDrift(String field, Object expected, Object actual, String severity) {}

    /**
     * What a job found about one resource.
     *
     * @param resourceId     the resource's /resources id (a name-based UUID, see ResourceMessages#resourceId)
     * @param presence       {@link #PRESENT}, {@link #MISSING} or {@link #UNMANAGED}
     * @param driftStatus    active, ignored, suppressed or resolved
     * @param liveAttributes the cloud's attributes in Terraform's names (empty when missing)
     * @param liveStatus     e.g. running, stopped, available, missing; null when unknown
     */
    public record ResourceDriftResult(String resultId, String resourceId, String stateId, String address, String resourceType,
                                      String name, String cloudId, String region, String presence, String driftStatus,
                                      List<AttributeDrift> drifts, int ignoredDifferences, Map<String, Object> liveAttributes,
                                      Map<String, String> liveTags, String liveStatus, Instant checkedAt) {
        public boolean driftDetected() { return drifts != null && !drifts.isEmpty(); }
    }

    public record DriftDetectionRequested(String jobId, String stateId, String resourceId, boolean deepScan,
                                          boolean includeDeleted, String requestedBy, Instant requestedAt) {}
    public record DriftDetectionStarted(String jobId, int resourcesToCheck, Instant startedAt) {}
    /** @param progress percent done (0-100) */
    public record DriftResultsRecorded(String jobId, List<ResourceDriftResult> results, int resourcesChecked,
                                       int resourcesToCheck, int progress, Instant recordedAt) {}
    /**
     * @param bySeverity drift counts keyed critical, high, medium, low (suppressed and ignored left out)
     */
    public record DriftDetectionCompleted(String jobId, String stateId, String resourceId, int resourcesChecked,
                                          int resourcesWithDrift, int driftCount, Map<String, Integer> bySeverity,
                                          int missing, int unmanaged, List<String> logLines, Instant completedAt) {}
    public record DriftDetectionFailed(String jobId, String errorMessage, Instant completedAt) {}
    public record DriftResultDeleted(String jobId, String resultId, String deletedBy, Instant deletedAt) {}

    // ---- scheduled detection: one schedule, id SCHEDULE_ID, interval from configuration

    public static final String SCHEDULE_ID = "drift-detection-schedule";

    /** @param intervalSeconds seconds between scheduled detections; 0 turns scheduling off */
    public record ConfigureDriftSchedule(@TargetAggregateIdentifier String scheduleId, long intervalSeconds) {}
    public record DriftScheduleConfigured(String scheduleId, long intervalSeconds, Instant configuredAt) {}
}
