package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.DriftDetectionQueries.*;
import io.opsledger.drift.DriftStatistics;
import io.opsledger.drift.ResourceQueries.FindResource;
import io.opsledger.drift.ResourceQueries.ListResources;
import io.opsledger.drift.ResourceQueries.ResourceDetail;
import io.opsledger.drift.ResourceQueries.ResourcePage;
import io.opsledger.drift.api.DriftQueries.FindStateFile;
import io.opsledger.drift.api.DriftQueries.StateFileView;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.DeleteDriftResult;
import io.opsledger.drift.api.DriftDetectionMessages.RequestDriftDetection;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DriftMgr's drift detection (/api/v1/drift): start a detection (operator), results, a result's
 * drifts, delete a result (admin), history per day, summary (viewer), and a job's progress
 * (GET /api/v1/drift/jobs/{id}, our addition).
 */
@RestController
@RequestMapping("/api/v1/drift")
public class DriftController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;

    public DriftController(Web web, Commands commands, Queries queries) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping({"/detect", "/detect/"})
    public Mono<ResponseEntity<?>> detect(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.STANDARD);
            String stateId = optionalText(f, "state_id");
            String resourceId = optionalText(f, "resource_id");
            boolean deepScan = true;
            boolean includeDeleted = true;
            JsonNode options = f.node("options");
            if (options != null) {
                if (!options.isObject()) {
                    f.error("options", "Expected an object.");
                } else {
                    deepScan = flag(f, options, "deep_scan", true);
                    includeDeleted = flag(f, options, "include_deleted", true);
                }
            }
            f.validate();
            if (stateId != null && queries.one(new FindStateFile(stateId), StateFileView.class) == null) {
                throw ApiException.notFound("State file not found");
            }
            if (resourceId != null) {
                ResourceDetail resource = queries.one(new FindResource(resourceId), ResourceDetail.class);
                if (resource == null) {
                    throw ApiException.notFound("Resource not found");
                }
                if (stateId != null && !stateId.equals(resource.resource().stateId())) {
                    throw ApiException.notFound("Resource not found in state " + stateId);
                }
                resourceId = resource.resource().id();
            }
            String jobId = UUID.randomUUID().toString();
            commands.send(new RequestDriftDetection(jobId, stateId, resourceId, deepScan, includeDeleted,
                    ctx.requireUser().username()), ctx);
            return Envelope.status(HttpStatus.ACCEPTED, new Started(jobId, "started", "Drift detection job started"));
        });
    }

    @GetMapping({"/jobs/{id}", "/jobs/{id}/"})
    public Mono<ResponseEntity<?>> job(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            DriftJobView job = queries.one(new FindDriftJob(id), DriftJobView.class);
            if (job == null) {
                throw ApiException.notFound("Drift detection job not found");
            }
            return Envelope.ok(JobJson.of(job));
        });
    }

    @GetMapping({"/results", "/results/"})
    public Mono<ResponseEntity<?>> results(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            String status = f.text("status");
            if (status != null && !status.isBlank() && !DriftDetectionMessages.JOB_STATUSES.contains(status)
                    && !DriftDetectionMessages.DRIFT_STATUSES.contains(status)) {
                f.error("status", "\"" + status + "\" is not a valid choice (pending, running, completed, failed, active, "
                        + "resolved, ignored, suppressed).");
            }
            ResourcesController.Paging paging = ResourcesController.Paging.of(f);
            String resourceId = optionalText(f, "resource_id");
            String jobId = optionalText(f, "job_id");
            f.validate();
            DriftResultPage page = queries.one(new ListDriftResults(status == null || status.isBlank() ? null : status,
                    resourceId, jobId, paging.offset(), paging.limit()), DriftResultPage.class);
            return Envelope.ok(new ResultsJson(page.results().stream().map(ResultItem::of).toList(), page.total(),
                    paging.limit(), paging.offset()));
        });
    }

    @GetMapping({"/results/{id}", "/results/{id}/"})
    public Mono<ResponseEntity<?>> result(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            DriftResultView r = requireResult(id);
            return Envelope.ok(ResultJson.of(r));
        });
    }

    @DeleteMapping({"/results/{id}", "/results/{id}/"})
    public Mono<ResponseEntity<?>> deleteResult(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            DriftResultView r = requireResult(id);
            commands.send(new DeleteDriftResult(r.jobId(), r.id(), ctx.requireUser().username()), ctx);
            return Envelope.ok(new Deleted(r.id(), "Drift result deleted"));
        });
    }

    @GetMapping({"/history", "/history/"})
    public Mono<ResponseEntity<?>> history(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            Integer days = f.integer("days");
            if (days != null && (days < 1 || days > 365)) {
                f.error("days", "Ensure this value is between 1 and 365.");
            }
            String resourceId = optionalText(f, "resource_id");
            f.validate();
            int window = days == null ? 30 : days;
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Instant since = today.minusDays(window - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
            DriftStatistics.History h = DriftStatistics.history(
                    queries.one(new ListDriftResultsSince(since, resourceId), DriftResultPage.class).results());
            List<HistoryDay> history = h.days().stream()
                    .map(d -> new HistoryDay(d.date().toString(), d.driftCount(), d.resourcesChecked())).toList();
            return Envelope.ok(new HistoryJson(history, new HistorySummary(h.totalDrifts(), h.averageDaily(), h.trend()), window));
        });
    }

    @GetMapping({"/summary", "/summary/"})
    public Mono<ResponseEntity<?>> summary(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            int managed = (int) queries.one(new ListResources(null, null, null, List.of(), 0, 0), ResourcePage.class).total();
            DriftStatistics.Summary sum = DriftStatistics.summary(managed,
                    queries.one(new ListLatestDriftResults(), DriftResultPage.class).results());
            DriftJobView last = queries.one(new FindLastCompletedDriftJob(), DriftJobView.class);
            Map<String, Integer> severities = sum.severities();
            return Envelope.ok(new SummaryJson(sum.totalResources(), sum.resourcesWithDrift(), sum.driftPercentage(),
                    severities.get("critical"), severities.get("high"), severities.get("medium"), severities.get("low"),
                    sum.unmanagedResources(), last == null ? null : last.completedAt()));
        });
    }

    private DriftResultView requireResult(String id) {
        DriftResultView r = queries.one(new FindDriftResult(id), DriftResultView.class);
        if (r == null) {
            throw ApiException.notFound("Drift result not found");
        }
        return r;
    }

    private static String optionalText(Fields f, String name) {
        String v = f.text(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static boolean flag(Fields f, JsonNode options, String name, boolean otherwise) {
        JsonNode v = options.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            f.error("options." + name, "Must be a boolean.");
            return otherwise;
        }
        return v.booleanValue();
    }

    // ---- JSON: DriftMgr's views

    record Started(@JsonProperty("job_id") String jobId, String status, String message) {}

    record JobJson(@JsonProperty("job_id") String jobId, @JsonProperty("state_id") String stateId,
                   @JsonProperty("resource_id") String resourceId, String status, int progress,
                   @JsonProperty("resources_to_check") int resourcesToCheck, @JsonProperty("resources_checked") int resourcesChecked,
                   @JsonProperty("resources_with_drift") int resourcesWithDrift, @JsonProperty("drift_count") int driftCount,
                   int missing, int unmanaged, @JsonProperty("by_severity") Map<String, Integer> bySeverity, String error,
                   @JsonProperty("requested_by") String requestedBy, List<String> log,
                   @JsonProperty("created_at") Instant createdAt, @JsonProperty("started_at") Instant startedAt,
                   @JsonProperty("completed_at") Instant completedAt) {
        static JobJson of(DriftJobView job) {
            return new JobJson(job.id(), job.stateId(), job.resourceId(), job.status(), job.progress(), job.resourcesToCheck(),
                    job.resourcesChecked(), job.resourcesWithDrift(), job.driftCount(), job.missing(), job.unmanaged(),
                    job.bySeverity(), job.errorMessage() == null || job.errorMessage().isBlank() ? null : job.errorMessage(),
                    job.requestedBy(), job.log(), job.createdAt(), job.startedAt(), job.completedAt());
        }
    }

    record ResultsJson(List<ResultItem> results, long total, int limit, int offset) {}

    record ResultItem(String id, @JsonProperty("job_id") String jobId, @JsonProperty("resource_id") String resourceId,
                      String status, @JsonProperty("drift_status") String driftStatus,
                      @JsonProperty("drift_detected") boolean driftDetected, @JsonProperty("drift_count") int driftCount,
                      @JsonProperty("resource_type") String resourceType, @JsonProperty("resource_name") String resourceName,
                      String address, @JsonProperty("state_id") String stateId, @JsonProperty("cloud_id") String cloudId,
                      String region, String presence, @JsonProperty("created_at") Instant createdAt,
                      @JsonProperty("completed_at") Instant completedAt) {
        static ResultItem of(DriftResultView r) {
            return new ResultItem(r.id(), r.jobId(), r.resourceId(), r.status(), r.driftStatus(), r.driftDetected(), r.driftCount(),
                    r.resourceType(), r.name(), r.address(), r.stateId(), r.cloudId(), r.region(), r.presence(), r.createdAt(),
                    r.completedAt());
        }
    }

    /** A result with its drifts; created_at/completed_at last. */
    record ResultJson(String id, @JsonProperty("job_id") String jobId, @JsonProperty("resource_id") String resourceId,
                      String status, @JsonProperty("drift_status") String driftStatus,
                      @JsonProperty("drift_detected") boolean driftDetected, @JsonProperty("drift_count") int driftCount,
                      @JsonProperty("resource_type") String resourceType, @JsonProperty("resource_name") String resourceName,
                      String address, @JsonProperty("state_id") String stateId, @JsonProperty("cloud_id") String cloudId,
                      String region, String presence, List<DriftJson> drifts,
                      @JsonProperty("ignored_differences") int ignoredDifferences,
                      @JsonProperty("created_at") Instant createdAt, @JsonProperty("completed_at") Instant completedAt) {
        static ResultJson of(DriftResultView r) {
            return new ResultJson(r.id(), r.jobId(), r.resourceId(), r.status(), r.driftStatus(), r.driftDetected(), r.driftCount(),
                    r.resourceType(), r.name(), r.address(), r.stateId(), r.cloudId(), r.region(), r.presence(),
                    r.drifts().stream().map(d -> new DriftJson(d.field(), d.expected(), d.actual(), d.severity())).toList(),
                    r.ignoredDifferences(), r.createdAt(), r.completedAt());
        }
    }

    record DriftJson(String field, Object expected, Object actual, String severity) {}

    record Deleted(String id, String message) {}

    record HistoryJson(List<HistoryDay> history, HistorySummary summary, int days) {}

    record HistoryDay(String date, @JsonProperty("drift_count") int driftCount,
                      @JsonProperty("resources_checked") int resourcesChecked) {}

    record HistorySummary(@JsonProperty("total_drifts") int totalDrifts, @JsonProperty("average_daily") double averageDaily,
                          String trend) {}

    record SummaryJson(@JsonProperty("total_resources") int totalResources,
                       @JsonProperty("resources_with_drift") int resourcesWithDrift,
                       @JsonProperty("drift_percentage") double driftPercentage,
                       @JsonProperty("critical_drifts") Integer criticalDrifts, @JsonProperty("high_drifts") Integer highDrifts,
                       @JsonProperty("medium_drifts") Integer mediumDrifts, @JsonProperty("low_drifts") Integer lowDrifts,
                       @JsonProperty("unmanaged_resources") int unmanagedResources,
                       @JsonProperty("last_scan") Instant lastScan) {}
}
