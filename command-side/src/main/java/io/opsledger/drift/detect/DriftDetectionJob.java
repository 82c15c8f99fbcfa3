package io.opsledger.drift.detect;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One drift detection run: pending when requested, running once the saga has counted what it will
 * check, then completed or failed. Results are recorded in batches while running; a result can be
 * deleted once. The results themselves are not kept here (the aggregate never reads them back).
 */
@Aggregate(cache = AggregateCache.NAME)
public class DriftDetectionJob {

    @AggregateIdentifier
    private String jobId;
    private String status;
    private String stateId;
    private String resourceId;
    private int resourcesToCheck;
    private final Set<String> deletedResults = new HashSet<>();

    protected DriftDetectionJob() {}

    @CommandHandler
    public DriftDetectionJob(RequestDriftDetection command) {
        if (command.requestedBy() == null || command.requestedBy().isBlank()) {
            throw RuleViolation.invalid("requested_by", "This field is required.");
        }
        apply(new DriftDetectionRequested(command.jobId(), blankToNull(command.stateId()), blankToNull(command.resourceId()),
                command.deepScan(), command.includeDeleted(), command.requestedBy(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(StartDriftDetection command) {
        if (DriftDetectionMessages.RUNNING.equals(status)) {
            return; // a redelivered start
        }
        requireStatus(DriftDetectionMessages.PENDING);
        if (command.resourcesToCheck() < 0) {
            throw RuleViolation.invalid("resources_to_check", "Must not be negative.");
        }
        apply(new DriftDetectionStarted(jobId, command.resourcesToCheck(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordDriftResults command) {
        requireStatus(DriftDetectionMessages.RUNNING);
        List<ResourceDriftResult> results = command.results() == null ? List.of() : List.copyOf(command.results());
        int checked = Math.max(0, command.resourcesChecked());
        int progress = resourcesToCheck <= 0 ? 100 : (int) Math.min(100, Math.round(100.0 * checked / resourcesToCheck));
        apply(new DriftResultsRecorded(jobId, results, checked, resourcesToCheck, progress, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(CompleteDriftDetection command) {
        requireStatus(DriftDetectionMessages.RUNNING);
        Map<String, Integer> severities = new LinkedHashMap<>();
        for (String s : List.of("critical", "high", "medium", "low")) {
            severities.put(s, command.bySeverity() == null ? 0 : command.bySeverity().getOrDefault(s, 0));
        }
        apply(new DriftDetectionCompleted(jobId, stateId, resourceId, command.resourcesChecked(), command.resourcesWithDrift(),
                command.driftCount(), severities, command.missing(), command.unmanaged(),
                command.logLines() == null ? List.of() : List.copyOf(command.logLines()), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(FailDriftDetection command) {
        if (!DriftDetectionMessages.PENDING.equals(status)) {
            requireStatus(DriftDetectionMessages.RUNNING);
        }
        String message = command.errorMessage() == null || command.errorMessage().isBlank()
                ? "Drift detection failed." : command.errorMessage();
        apply(new DriftDetectionFailed(jobId, message, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(DeleteDriftResult command) {
        if (command.resultId() == null || command.resultId().isBlank()) {
            throw RuleViolation.invalid("id", "This field is required.");
        }
        if (deletedResults.contains(command.resultId())) {
            throw RuleViolation.notFound("Drift result not found");
        }
        apply(new DriftResultDeleted(jobId, command.resultId(), command.deletedBy(), GenericEventMessage.clock.instant()));
    }

    private void requireStatus(String expected) {
        if (!expected.equals(status)) {
            throw RuleViolation.conflict("status", "The drift detection job is " + status + ", not " + expected + ".");
        }
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    @EventSourcingHandler
    void on(DriftDetectionRequested event) {
        jobId = event.jobId();
        status = DriftDetectionMessages.PENDING;
        stateId = event.stateId();
        resourceId = event.resourceId();
    }

    @EventSourcingHandler
    void on(DriftDetectionStarted event) {
        status = DriftDetectionMessages.RUNNING;
        resourcesToCheck = event.resourcesToCheck();
    }

    @EventSourcingHandler
    void on(DriftDetectionCompleted event) { status = DriftDetectionMessages.COMPLETED; }

    @EventSourcingHandler
    void on(DriftDetectionFailed event) { status = DriftDetectionMessages.FAILED; }

    @EventSourcingHandler
    void on(DriftResultDeleted event) { deletedResults.add(event.resultId()); }
}
