package io.opsledger.drift;

import io.opsledger.drift.DriftLiveQueries.DriftLiveUpdate;
import io.opsledger.drift.DriftLiveQueries.WatchDriftLive;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.ResourceMessages.ResourceTagsUpdated;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.TerraformState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where the drift context's events become live messages (driftmgr-api.md, WebSocket
 * API). It keeps no read model: each event becomes the contract's message and goes to the
 * subscribers of {@link WatchDriftLive}.
 *
 * <ul>
 *   <li>state_update: locked / unlocked (ours and Terraform's, {@code external}), edited (import,
 *       move, remove: {@code edit}, addresses, the new serial), synced (the file as read from its backend:
 *       first seen, or changed there), missing (the backend no longer holds it)</li>
 *   <li>resource_update: tags written to the cloud ({@code changes.tags}, {@code changes.removed_tags})</li>
 *   <li>drift_detection: a job's status (pending, running with progress, completed, failed)</li>
 *   <li>system_alert: a finished detection's drift count over {@code opsledger.drift.alert-threshold}</li>
 *   <li>log: a finished job's log lines, and one line for its end</li>
 * </ul>
 *
 * <p>It runs on every node ({@link #GROUP} is a per-node processor starting at the head of the
 * event stream with its token in memory), because the query bus's updates only reach subscribers
 * on the node that emits them: so every node's WebSocket subscribers get every update.
 */
@ProcessingGroup(DriftLiveFeed.GROUP)
public class DriftLiveFeed {

    /** Not a "projection." group: writes do not wait for it, and each node runs its own. */
    public static final String GROUP = "live.drift";
    public static final String HIGH_DRIFT = "High drift detection rate detected";
    private static final int JOBS_KEPT = 10_000;

    private final QueryUpdateEmitter emitter;
    private final int alertThreshold;
    /** What a running job is about (its later events do not repeat it); only jobs this node saw requested. */
    private final Map<String, JobTarget> jobs = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobTarget> eldest) { return size() > JOBS_KEPT; }
    });

    private record JobTarget(String stateId, String resourceId) {}

    public DriftLiveFeed(QueryUpdateEmitter emitter, int alertThreshold) {
        this.emitter = emitter;
        this.alertThreshold = alertThreshold;
    }

    @QueryHandler
    public String handle(WatchDriftLive query) { return "subscribed"; }

    // ---- state_update

    @EventHandler
    void on(StateLocked e, @Timestamp Instant at) {
        emit("state_update", lock(e.stateId(), "locked", e.lock(), false), at);
    }

    @EventHandler
    void on(StateUnlocked e, @Timestamp Instant at) {
        emit("state_update", data("state_id", e.stateId(), "action", "unlocked", "lock_id", e.lockId(),
                "forced", e.forced(), "external", false), at);
    }

    @EventHandler
    void on(ExternalLockObserved e, @Timestamp Instant at) {
        emit("state_update", lock(e.stateId(), "locked", e.lock(), true), at);
    }

    @EventHandler
    void on(ExternalLockCleared e, @Timestamp Instant at) {
        emit("state_update", data("state_id", e.stateId(), "action", "unlocked", "lock_id", e.lockId(),
                "forced", false, "external", true), at);
    }

    @EventHandler
    void on(StateResourceImported e, @Timestamp Instant at) {
        Map<String, Object> data = edited(e.stateId(), "import", e.lockId(), e.state());
        data.put("address", e.address());
        data.put("resource_type", e.resourceType());
        data.put("resource_name", e.resourceName());
        data.put("resource_id", e.resourceId());
        emit("state_update", data, at);
    }

    @EventHandler
    void on(StateResourceMoved e, @Timestamp Instant at) {
        Map<String, Object> data = edited(e.stateId(), "move", e.lockId(), e.state());
        data.put("from_address", e.fromAddress());
        data.put("to_address", e.toAddress());
        emit("state_update", data, at);
    }

    @EventHandler
    void on(StateResourceRemoved e, @Timestamp Instant at) {
        Map<String, Object> data = edited(e.stateId(), "remove", e.lockId(), e.state());
        data.put("address", e.address());
        emit("state_update", data, at);
    }

    @EventHandler
    void on(StateFileSynced e, @Timestamp Instant at) {
        emit("state_update", data("state_id", e.stateId(), "action", "synced", "backend_id", e.backendId(),
                "path", e.path(), "serial", e.state() == null ? null : e.state().serial(),
                "resource_count", e.state() == null ? null : e.state().resources().size(),
                "parse_error", e.parseError()), at);
    }

    @EventHandler
    void on(StateFileMissing e, @Timestamp Instant at) {
        emit("state_update", data("state_id", e.stateId(), "action", "missing", "backend_id", e.backendId(),
                "path", e.path()), at);
    }

    // ---- resource_update

    @EventHandler
    void on(ResourceTagsUpdated e, @Timestamp Instant at) {
        Map<String, Object> changes = data("tags", e.changes() == null ? Map.of() : e.changes());
        if (e.removed() != null && !e.removed().isEmpty()) {
            changes.put("removed_tags", e.removed());
        }
        emit("resource_update", data("resource_id", e.resourceId(), "action", "updated", "resource_type", e.resourceType(),
                "changes", changes, "tags", e.tags(), "updated_by", e.updatedBy()), at);
    }

    // ---- drift_detection, system_alert, log

    @EventHandler
    void on(DriftDetectionRequested e, @Timestamp Instant at) {
        jobs.put(e.jobId(), new JobTarget(e.stateId(), e.resourceId()));
        emit("drift_detection", job(e.jobId(), DriftDetectionMessages.PENDING), at);
    }

    @EventHandler
    void on(DriftDetectionStarted e, @Timestamp Instant at) {
        Map<String, Object> data = job(e.jobId(), DriftDetectionMessages.RUNNING);
        data.put("progress", 0);
        data.put("resources_to_check", e.resourcesToCheck());
        emit("drift_detection", data, at);
    }

    @EventHandler
    void on(DriftResultsRecorded e, @Timestamp Instant at) {
        Map<String, Object> data = job(e.jobId(), DriftDetectionMessages.RUNNING);
        int drifts = e.results() == null ? 0 : e.results().stream()
                .filter(r -> DriftDetectionMessages.ACTIVE.equals(r.driftStatus()))
                .mapToInt(r -> r.drifts() == null ? 0 : r.drifts().size()).sum();
        data.put("progress", e.progress());
        data.put("resources_checked", e.resourcesChecked());
        data.put("resources_to_check", e.resourcesToCheck());
        data.put("batch_drift_count", drifts);
        emit("drift_detection", data, at);
    }

    @EventHandler
    void on(DriftDetectionCompleted e, @Timestamp Instant at) {
        JobTarget known = jobs.remove(e.jobId());
        String stateId = e.stateId() != null ? e.stateId() : known == null ? null : known.stateId();
        String resourceId = e.resourceId() != null ? e.resourceId() : known == null ? null : known.resourceId();
        Map<String, Object> data = data("job_id", e.jobId(), "resource_id", resourceId, "state_id", stateId,
                "status", DriftDetectionMessages.COMPLETED, "drift_detected", e.driftCount() > 0, "drift_count", e.driftCount(),
                "progress", 100, "resources_checked", e.resourcesChecked(), "resources_with_drift", e.resourcesWithDrift(),
                "by_severity", e.bySeverity() == null ? Map.of() : e.bySeverity(), "missing", e.missing(),
                "unmanaged", e.unmanaged());
        emit("drift_detection", data, at);
        Map<String, Object> context = data("job_id", e.jobId(), "resource_id", resourceId, "state_id", stateId);
        for (String line : e.logLines() == null ? List.<String>of() : e.logLines()) {
            emit("log", data("level", level(line), "message", line, "context", context), at);
        }
        emit("log", data("level", "info", "message", "Drift detection completed", "context", context), at);
        if (e.driftCount() > alertThreshold) {
            emit("system_alert", data("severity", "warning", "message", HIGH_DRIFT, "details",
                    data("drift_count", e.driftCount(), "threshold", alertThreshold, "job_id", e.jobId(),
                            "state_id", stateId, "resource_id", resourceId)), at);
        }
    }

    @EventHandler
    void on(DriftDetectionFailed e, @Timestamp Instant at) {
        Map<String, Object> data = job(e.jobId(), DriftDetectionMessages.FAILED);
        jobs.remove(e.jobId());
        data.put("error", e.errorMessage());
        emit("drift_detection", data, at);
        emit("log", data("level", "error", "message", "Drift detection failed: " + e.errorMessage(), "context",
                data("job_id", e.jobId(), "resource_id", data.get("resource_id"), "state_id", data.get("state_id"))), at);
    }

    // ---- helpers

    private Map<String, Object> job(String jobId, String status) {
        JobTarget known = jobs.get(jobId);
        return data("job_id", jobId, "resource_id", known == null ? null : known.resourceId(),
                "state_id", known == null ? null : known.stateId(), "status", status, "drift_detected", false, "drift_count", 0);
    }

    private static Map<String, Object> lock(String stateId, String action, LockInfo lock, boolean external) {
        return data("state_id", stateId, "action", action, "reason", lock == null ? null : lock.info(),
                "lock_id", lock == null ? null : lock.id(), "operation", lock == null ? null : lock.operation(),
                "who", lock == null ? null : lock.who(), "created", lock == null ? null : lock.created(), "external", external);
    }

    private static Map<String, Object> edited(String stateId, String edit, String lockId, TerraformState state) {
        return data("state_id", stateId, "action", "edited", "edit", edit, "lock_id", lockId,
                "serial", state == null ? null : state.serial());
    }

    /** A log line's level when it starts with one (ERROR, WARN, WARNING, DEBUG), else info. */
    static String level(String line) {
        String head = line == null ? "" : line.stripLeading().toUpperCase(Locale.ROOT);
        if (head.startsWith("ERROR") || head.startsWith("[ERROR")) {
            return "error";
        }
        if (head.startsWith("WARN") || head.startsWith("[WARN")) {
            return "warning";
        }
        if (head.startsWith("DEBUG") || head.startsWith("[DEBUG")) {
            return "debug";
        }
        return "info";
    }

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
