package io.opsledger.inventory;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.DiscoveryMessages;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One discovery run: PENDING when triggered, RUNNING once the saga picked it up, then COMPLETED or
 * FAILED. That only one runs at a time is a unique claim across nodes ({@link InventoryClaims}).
 */
@Aggregate(cache = AggregateCache.NAME)
public class DiscoveryJob {

    @AggregateIdentifier
    private String jobId;
    private String status;
    private Instant createdAt;
    private List<String> accountIds = List.of();

    protected DiscoveryJob() {}

    @CommandHandler
    public DiscoveryJob(TriggerDiscovery command) {
        if (command.triggeredBy() == null || command.triggeredBy().isBlank()) {
            throw RuleViolation.invalid("triggered_by", "This field is required.");
        }
        apply(new DiscoveryJobCreated(command.jobId(), command.awsAccount(),
                command.awsAccountName() == null ? "" : command.awsAccountName(), command.triggeredBy(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(StartDiscoveryJob command) {
        if (DiscoveryMessages.RUNNING.equals(status)) {
            return; // a redelivered start
        }
        requireStatus(DiscoveryMessages.PENDING);
        apply(new DiscoveryJobStarted(jobId, List.copyOf(command.accountIds()), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordDiscoveryProgress command) {
        requireStatus(DiscoveryMessages.RUNNING);
        apply(new DiscoveryProgressed(jobId, command.currentAccount(), command.currentRegion(), command.resourcesSoFar(),
                lines(command.logLines())));
    }

    @CommandHandler
    public void handle(CompleteDiscoveryJob command) {
        requireStatus(DiscoveryMessages.RUNNING);
        Instant now = GenericEventMessage.clock.instant();
        apply(new DiscoveryJobCompleted(jobId, accountIds, command.resourcesDiscovered(), command.resourcesNew(),
                command.resourcesUpdated(), command.resourcesDecommissioned(), lines(command.logLines()), now,
                Duration.between(createdAt, now).toSeconds()));
    }

    @CommandHandler
    public void handle(FailDiscoveryJob command) {
        if (!DiscoveryMessages.PENDING.equals(status)) {
            requireStatus(DiscoveryMessages.RUNNING);
        }
        Instant now = GenericEventMessage.clock.instant();
        String message = command.errorMessage() == null || command.errorMessage().isBlank()
                ? "Discovery failed." : command.errorMessage();
        apply(new DiscoveryJobFailed(jobId, message, lines(command.logLines()), now,
                Duration.between(createdAt, now).toSeconds()));
    }

    private void requireStatus(String expected) {
        if (!expected.equals(status)) {
            throw RuleViolation.conflict("status", "The discovery job is " + status + ", not " + expected + ".");
        }
    }

    private static List<String> lines(List<String> lines) { return lines == null ? List.of() : List.copyOf(lines); }

    @EventSourcingHandler
    void on(DiscoveryJobCreated event) {
        jobId = event.jobId();
        status = DiscoveryMessages.PENDING;
        createdAt = event.createdAt();
    }

    @EventSourcingHandler
    void on(DiscoveryJobStarted event) {
        status = DiscoveryMessages.RUNNING;
        accountIds = event.accountIds();
    }

    @EventSourcingHandler
    void on(DiscoveryJobCompleted event) { status = DiscoveryMessages.COMPLETED; }

    @EventSourcingHandler
    void on(DiscoveryJobFailed event) { status = DiscoveryMessages.FAILED; }
}
