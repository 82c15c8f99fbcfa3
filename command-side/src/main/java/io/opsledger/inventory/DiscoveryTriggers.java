package io.opsledger.inventory;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.inventory.api.DiscoveryMessages.IsDiscoveryJobEnded;
import io.opsledger.inventory.api.DiscoveryMessages.TriggerDiscovery;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Starts a discovery job under the "one job at a time" rule, for the trigger endpoint and the
 * schedule alike: the job's command claims {@link InventoryClaims#DISCOVERY_SCOPE} (owner: the new
 * job's id), which the job gives up when it ends.
 */
@Component
public class DiscoveryTriggers {

    private final Commands commands;
    private final Queries queries;
    private final UniqueClaims claims;

    public DiscoveryTriggers(Commands commands, Queries queries, UniqueClaims claims) {
        this.commands = commands;
        this.queries = queries;
        this.claims = claims;
    }

    /**
     * Creates a job for one account ({@code accountId}, {@code accountName}) or all ({@code null}, "").
     *
     * @return the job's id, or empty when a job is already PENDING or RUNNING
     */
    public Optional<String> trigger(String accountId, String accountName, String triggeredBy, Actor actor) {
        String jobId = UUID.randomUUID().toString();
        freeIfEnded();
        try {
            commands.send(new TriggerDiscovery(jobId, accountId, accountName, triggeredBy), actor);
        } catch (RuleViolation refused) {
            if (InventoryClaims.isDiscoveryInProgress(refused)) {
                return Optional.empty();
            }
            throw refused;
        }
        return Optional.of(jobId);
    }

    /** A job that has ended but still holds the claim (its release was lost) lets it go. */
    private void freeIfEnded() {
        String holder = claims.holder(InventoryClaims.DISCOVERY_SCOPE, InventoryClaims.DISCOVERY_VALUE);
        if (holder != null && Boolean.TRUE.equals(queries.one(new IsDiscoveryJobEnded(holder), Boolean.class))) {
            claims.release(InventoryClaims.DISCOVERY_SCOPE, InventoryClaims.DISCOVERY_VALUE, holder);
        }
    }
}
