package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.drift.rules.DriftComparator;
import io.opsledger.drift.rules.Regions;
import io.opsledger.drift.rules.DriftComparator.Comparison;
import io.opsledger.drift.rules.Severity;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsLiveResources;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.gateway.aws.LiveResource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out drift detection jobs' runs (see {@link DriftDetectionSaga}): a run reads the states'
 * resources, fetches the live side per (type, region) in one listing each, compares, and records
 * results in batches of {@value #BATCH} with progress; then completes with the totals, or fails.
 */
public final class DriftDetector {

    static final int BATCH = 500;
    static final String DEFAULT_REGION = "us-east-1";
    private static final Logger log = LoggerFactory.getLogger(DriftDetector.class);

    private final CommandGateway commands;
    private final AwsLiveResources aws;
    private final DriftInventory inventory;
    private final DriftAwsAccess access;

    public DriftDetector(CommandGateway commands, AwsLiveResources aws, DriftInventory inventory, DriftAwsAccess access) {
        this.commands = commands;
        this.aws = aws;
        this.inventory = inventory;
        this.access = access;
    }

    /** Runs the job to its end: completed or failed. */
    public void run(DriftDetectionRequested job) {
        new Run(job).run();
    }

    /** One job's run: what it has checked and found so far. */
    private final class Run {

        private final DriftDetectionRequested job;
        private final List<String> logLines = new ArrayList<>();
        private final List<ResourceDriftResult> pending = new ArrayList<>();
        private final Map<String, Integer> bySeverity = new LinkedHashMap<>();
        private int checked;
        private int total;
        private int withDrift;
        private int driftCount;
        private int missing;
        private int unmanaged;

        private Run(DriftDetectionRequested job) {
            this.job = job;
        }

        private record Group(String type, String region) {}

        void run() {
            List<TrackedResource> all = inventory.stateResources(null);
            List<TrackedResource> chosen = new ArrayList<>();
            for (TrackedResource r : job.stateId() == null ? all : inventory.stateResources(job.stateId())) {
                if (r.managed() && (job.resourceId() == null || job.resourceId().equals(r.resourceId())
                        || job.resourceId().equals(r.cloudId()) || job.resourceId().equals(r.address()))) {
                    chosen.add(r);
                }
            }
            if (job.resourceId() != null && chosen.isEmpty()) {
                commands.sendAndWait(new FailDriftDetection(job.jobId(), "Resource " + job.resourceId() + " is in no state."));
                return;
            }
            Optional<AwsTarget> target = access.target();
            if (target.isEmpty()) {
                commands.sendAndWait(new FailDriftDetection(job.jobId(), "No AWS credentials are configured for drift detection."));
                return;
            }
            String defaultRegion = target.get().region();
            Map<Group, List<TrackedResource>> groups = new LinkedHashMap<>();
            int unsupported = 0;
            for (TrackedResource r : chosen) {
                if (!AwsLiveResources.SUPPORTED_TYPES.contains(r.type())) {
                    unsupported++;
                    continue;
                }
                groups.computeIfAbsent(new Group(r.type(), Regions.of(r.attributes(), defaultRegion)), g -> new ArrayList<>()).add(r);
            }
            total = chosen.size() - unsupported;
            commands.sendAndWait(new StartDriftDetection(job.jobId(), total));
            if (unsupported > 0) {
                logLines.add(unsupported + " resource(s) of types drift detection does not read were not checked.");
            }
            boolean scanUnmanaged = job.deepScan() && job.resourceId() == null;
            Set<String> managedKeys = new HashSet<>();
            if (scanUnmanaged) {
                for (TrackedResource r : all) {
                    if (r.managed() && AwsLiveResources.SUPPORTED_TYPES.contains(r.type())) {
                        managedKeys.add(r.type() + "/" + key(r));
                    }
                }
            }
            int groupsFailed = 0;
            List<String> errors = new ArrayList<>();
            try {
                for (Map.Entry<Group, List<TrackedResource>> entry : groups.entrySet()) {
                    Group g = entry.getKey();
                    Map<String, LiveResource> live;
                    try {
                        live = fetch(target.get(), g, entry.getValue(), scanUnmanaged);
                    } catch (AwsGatewayException e) {
                        groupsFailed++;
                        errors.add(e.getMessage());
                        logLines.add("Could not read " + g.type() + " in " + g.region() + ": " + e.getMessage());
                        log.warn("drift job {}: {}", job.jobId(), e.getMessage());
                        continue;
                    }
                    for (TrackedResource r : entry.getValue()) {
                        LiveResource now = live.get(key(r));
                        if (now == null) {
                            if (job.includeDeleted()) {
                                missing++;
                                add(missingResult(r, g.region()));
                            } else {
                                checked++;
                            }
                        } else {
                            add(compared(r, now, g.region()));
                        }
                    }
                    if (scanUnmanaged) {
                        for (LiveResource l : live.values()) {
                            if (!managedKeys.contains(g.type() + "/" + l.id())) {
                                unmanaged++;
                                add(unmanagedResult(l, g.region()));
                            }
                        }
                    }
                }
                if (!groups.isEmpty() && groupsFailed == groups.size()) {
                    flush();
                    commands.sendAndWait(new FailDriftDetection(job.jobId(), String.join("; ", errors)));
                    return;
                }
                flush();
                logLines.add("Checked " + checked + " resource(s): " + withDrift + " with drift (" + driftCount + " drift(s)), "
                        + missing + " missing in the cloud, " + unmanaged + " unmanaged.");
                commands.sendAndWait(new CompleteDriftDetection(job.jobId(), checked, withDrift, driftCount, bySeverity,
                        missing, unmanaged, List.copyOf(logLines)));
            } catch (RuntimeException e) {
                log.warn("drift job {} failed", job.jobId(), e);
                commands.sendAndWait(new FailDriftDetection(job.jobId(), e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }

        /** One listing per (type, region), or a single lookup when only one resource is asked for. */
        private Map<String, LiveResource> fetch(AwsTarget target, Group g, List<TrackedResource> resources, boolean scanUnmanaged) {
            if (!scanUnmanaged && resources.size() == 1) {
                String k = key(resources.get(0));
                if (k == null) {
                    return Map.of();
                }
                return aws.get(target, g.region(), g.type(), k).map(l -> Map.of(k, l)).orElse(Map.of());
            }
            return aws.list(target, g.region(), g.type());
        }

        /** The id the live side keys a resource by: aws_db_instance by identifier, the rest by attributes.id. */
        static String key(TrackedResource r) {
            if ("aws_db_instance".equals(r.type()) && r.attributes() != null && r.attributes().get("identifier") instanceof String id
                    && !id.isBlank()) {
                return id;
            }
            return r.cloudId();
        }

        private ResourceDriftResult compared(TrackedResource r, LiveResource now, String region) {
            Comparison c = DriftComparator.compare(r.attributes(), now.attributes());
            List<AttributeDrift> drifts = c.drifts().stream()
                    .map(d -> new AttributeDrift(d.field(), d.expected(), d.actual(), d.severity().wire())).toList();
            String status;
            if (suppressed(r.attributes()) || "true".equalsIgnoreCase(now.tags().get(DriftDetectionMessages.SUPPRESS_TAG))) {
                status = c.drifted() ? DriftDetectionMessages.SUPPRESSED : DriftDetectionMessages.RESOLVED;
            } else if (c.drifted()) {
                status = DriftDetectionMessages.ACTIVE;
            } else {
                status = c.ignored() > 0 ? DriftDetectionMessages.IGNORED : DriftDetectionMessages.RESOLVED;
            }
            if (DriftDetectionMessages.ACTIVE.equals(status)) {
                count(drifts);
            }
            return new ResourceDriftResult(resultId(r.resourceId()), r.resourceId(), r.stateId(), r.address(), r.type(), r.name(),
                    now.id(), region, DriftDetectionMessages.PRESENT, status, drifts, c.ignored(), now.attributes(), now.tags(),
                    now.status(), Instant.now());
        }

        private ResourceDriftResult missingResult(TrackedResource r, String region) {
            List<AttributeDrift> drifts = List.of(new AttributeDrift(DriftDetectionMessages.EXISTENCE_FIELD,
                    DriftDetectionMessages.PRESENT, DriftDetectionMessages.MISSING, Severity.CRITICAL.wire()));
            String status = suppressed(r.attributes()) ? DriftDetectionMessages.SUPPRESSED : DriftDetectionMessages.ACTIVE;
            if (DriftDetectionMessages.ACTIVE.equals(status)) {
                count(drifts);
            }
            return new ResourceDriftResult(resultId(r.resourceId()), r.resourceId(), r.stateId(), r.address(), r.type(), r.name(),
                    key(r), region, DriftDetectionMessages.MISSING, status, drifts, 0, Map.of(), Map.of(),
                    DriftDetectionMessages.MISSING, Instant.now());
        }

        private ResourceDriftResult unmanagedResult(LiveResource l, String region) {
            String resourceId = ResourceMessages.unmanagedId(l.type(), region, l.id());
            List<AttributeDrift> drifts = List.of(new AttributeDrift(DriftDetectionMessages.EXISTENCE_FIELD,
                    "absent", DriftDetectionMessages.UNMANAGED, Severity.MEDIUM.wire()));
            boolean suppress = "true".equalsIgnoreCase(l.tags().get(DriftDetectionMessages.SUPPRESS_TAG));
            if (!suppress) {
                count(drifts);
            }
            String name = l.tags().getOrDefault("Name", l.id());
            return new ResourceDriftResult(resultId(resourceId), resourceId, null, null, l.type(), name, l.id(), region,
                    DriftDetectionMessages.UNMANAGED, suppress ? DriftDetectionMessages.SUPPRESSED : DriftDetectionMessages.ACTIVE,
                    drifts, 0, l.attributes(), l.tags(), l.status(), Instant.now());
        }

        private static boolean suppressed(Map<String, Object> attributes) {
            return attributes != null && attributes.get("tags") instanceof Map<?, ?> tags
                    && "true".equalsIgnoreCase(String.valueOf(tags.get(DriftDetectionMessages.SUPPRESS_TAG)));
        }

        private void count(List<AttributeDrift> drifts) {
            withDrift++;
            driftCount += drifts.size();
            drifts.forEach(d -> bySeverity.merge(d.severity(), 1, Integer::sum));
        }

        private String resultId(String resourceId) {
            return UUID.nameUUIDFromBytes((job.jobId() + "/" + resourceId).getBytes(StandardCharsets.UTF_8)).toString();
        }

        private void add(ResourceDriftResult result) {
            if (!DriftDetectionMessages.UNMANAGED.equals(result.presence())) {
                checked++;
            }
            pending.add(result);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            commands.sendAndWait(new RecordDriftResults(job.jobId(), List.copyOf(pending), checked));
            pending.clear();
        }
    }
}
