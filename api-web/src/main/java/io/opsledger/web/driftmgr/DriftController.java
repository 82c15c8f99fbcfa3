package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.DriftDetectionQueries.*;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("job_id", jobId);
            data.put("status", "started");
            data.put("message", "Drift detection job started");
            return Envelope.status(HttpStatus.ACCEPTED, data);
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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("job_id", job.id());
            data.put("state_id", job.stateId());
            data.put("resource_id", job.resourceId());
            data.put("status", job.status());
            data.put("progress", job.progress());
            data.put("resources_to_check", job.resourcesToCheck());
            data.put("resources_checked", job.resourcesChecked());
            data.put("resources_with_drift", job.resourcesWithDrift());
            data.put("drift_count", job.driftCount());
            data.put("missing", job.missing());
            data.put("unmanaged", job.unmanaged());
            data.put("by_severity", job.bySeverity());
            data.put("error", job.errorMessage() == null || job.errorMessage().isBlank() ? null : job.errorMessage());
            data.put("requested_by", job.requestedBy());
            data.put("log", job.log());
            data.put("created_at", job.createdAt());
            data.put("started_at", job.startedAt());
            data.put("completed_at", job.completedAt());
            return Envelope.ok(data);
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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("results", page.results().stream().map(DriftController::result).toList());
            data.put("total", page.total());
            data.put("limit", paging.limit());
            data.put("offset", paging.offset());
            return Envelope.ok(data);
        });
    }

    @GetMapping({"/results/{id}", "/results/{id}/"})
    public Mono<ResponseEntity<?>> result(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            DriftResultView r = requireResult(id);
            Map<String, Object> data = result(r);
            Object created = data.remove("created_at");
            Object completed = data.remove("completed_at");
            data.put("drifts", r.drifts().stream().map(d -> {
                Map<String, Object> drift = new LinkedHashMap<>();
                drift.put("field", d.field());
                drift.put("expected", d.expected());
                drift.put("actual", d.actual());
                drift.put("severity", d.severity());
                return drift;
            }).toList());
            data.put("ignored_differences", r.ignoredDifferences());
            data.put("created_at", created);
            data.put("completed_at", completed);
            return Envelope.ok(data);
        });
    }

    @DeleteMapping({"/results/{id}", "/results/{id}/"})
    public Mono<ResponseEntity<?>> deleteResult(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            DriftResultView r = requireResult(id);
            commands.send(new DeleteDriftResult(r.jobId(), r.id(), ctx.requireUser().username()), ctx);
            return Envelope.ok(Map.of("id", r.id(), "message", "Drift result deleted"));
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
            DriftResultPage page = queries.one(new ListDriftResultsSince(since, resourceId), DriftResultPage.class);
            TreeMap<LocalDate, int[]> byDay = new TreeMap<>();
            for (DriftResultView r : page.results()) {
                LocalDate day = r.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
                int[] counts = byDay.computeIfAbsent(day, d -> new int[2]);
                if (!DriftDetectionMessages.SUPPRESSED.equals(r.driftStatus()) && !DriftDetectionMessages.IGNORED.equals(r.driftStatus())) {
                    counts[0] += r.driftCount();
                }
                if (!DriftDetectionMessages.UNMANAGED.equals(r.presence())) {
                    counts[1]++;
                }
            }
            List<Map<String, Object>> history = new ArrayList<>();
            int total = 0;
            for (Map.Entry<LocalDate, int[]> e : byDay.descendingMap().entrySet()) {
                Map<String, Object> day = new LinkedHashMap<>();
                day.put("date", e.getKey().toString());
                day.put("drift_count", e.getValue()[0]);
                day.put("resources_checked", e.getValue()[1]);
                history.add(day);
                total += e.getValue()[0];
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total_drifts", total);
            summary.put("average_daily", history.isEmpty() ? 0.0
                    : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(history.size()), 2, RoundingMode.HALF_UP).doubleValue());
            summary.put("trend", trend(history));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("history", history);
            data.put("summary", summary);
            data.put("days", window);
            return Envelope.ok(data);
        });
    }

    @GetMapping({"/summary", "/summary/"})
    public Mono<ResponseEntity<?>> summary(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            int managed = (int) queries.one(new ListResources(null, null, null, List.of(), 0, 0), ResourcePage.class).total();
            DriftResultPage latest = queries.one(new ListLatestDriftResults(), DriftResultPage.class);
            int unmanaged = 0;
            int withDrift = 0;
            Map<String, Integer> severities = new LinkedHashMap<>();
            for (String s : List.of("critical", "high", "medium", "low")) {
                severities.put(s, 0);
            }
            for (DriftResultView r : latest.results()) {
                if (DriftDetectionMessages.UNMANAGED.equals(r.presence())) {
                    unmanaged++;
                }
                if (DriftDetectionMessages.ACTIVE.equals(r.driftStatus())) {
                    withDrift++;
                    r.drifts().forEach(d -> severities.merge(d.severity(), 1, Integer::sum));
                }
            }
            int total = managed + unmanaged;
            DriftJobView last = queries.one(new FindLastCompletedDriftJob(), DriftJobView.class);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("total_resources", total);
            data.put("resources_with_drift", withDrift);
            data.put("drift_percentage", total == 0 ? 0.0 : BigDecimal.valueOf(100.0 * withDrift / total)
                    .setScale(2, RoundingMode.HALF_UP).doubleValue());
            data.put("critical_drifts", severities.get("critical"));
            data.put("high_drifts", severities.get("high"));
            data.put("medium_drifts", severities.get("medium"));
            data.put("low_drifts", severities.get("low"));
            data.put("unmanaged_resources", unmanaged);
            data.put("last_scan", last == null ? null : last.completedAt());
            return Envelope.ok(data);
        });
    }

    private DriftResultView requireResult(String id) {
        DriftResultView r = queries.one(new FindDriftResult(id), DriftResultView.class);
        if (r == null) {
            throw ApiException.notFound("Drift result not found");
        }
        return r;
    }

    static Map<String, Object> result(DriftResultView r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("job_id", r.jobId());
        item.put("resource_id", r.resourceId());
        item.put("status", r.status());
        item.put("drift_status", r.driftStatus());
        item.put("drift_detected", r.driftDetected());
        item.put("drift_count", r.driftCount());
        item.put("resource_type", r.resourceType());
        item.put("resource_name", r.name());
        item.put("address", r.address());
        item.put("state_id", r.stateId());
        item.put("cloud_id", r.cloudId());
        item.put("region", r.region());
        item.put("presence", r.presence());
        item.put("created_at", r.createdAt());
        item.put("completed_at", r.completedAt());
        return item;
    }

    /** The newer half of the listed days against the older half: increasing, decreasing or stable. */
    static String trend(List<Map<String, Object>> newestFirst) {
        int n = newestFirst.size();
        if (n < 2) {
            return "stable";
        }
        double newer = 0;
        double older = 0;
        int half = n / 2;
        for (int i = 0; i < half; i++) {
            newer += (int) newestFirst.get(i).get("drift_count");
            older += (int) newestFirst.get(n - 1 - i).get("drift_count");
        }
        return newer > older ? "increasing" : newer < older ? "decreasing" : "stable";
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
}
