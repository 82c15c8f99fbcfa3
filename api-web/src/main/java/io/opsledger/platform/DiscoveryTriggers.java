package io.opsledger.platform;

import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.common.Queries;
import io.opsledger.common.Commands;
import io.opsledger.inventory.DiscoveryQueries.DiscoveryJobView;
import io.opsledger.inventory.DiscoveryQueries.FindDiscoveryJob;
import io.opsledger.inventory.api.DiscoveryMessages.TriggerDiscovery;
import io.opsledger.web.RequestContext;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Starts a discovery job under the "one job at a time" rule, for the trigger endpoint and the
 * schedule alike: the trigger first claims {@link DiscoveryConfiguration#CLAIM_SCOPE} (owner: the new
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
    public Optional<String> trigger(String accountId, String accountName, String triggeredBy, RequestContext ctx) {
        String jobId = UUID.randomUUID().toString();
        if (!claim(jobId)) {
            return Optional.empty();
        }
        try {
            commands.send(new TriggerDiscovery(jobId, accountId, accountName, triggeredBy), ctx);
        } catch (RuntimeException e) {
            claims.release(DiscoveryConfiguration.CLAIM_SCOPE, DiscoveryConfiguration.CLAIM_VALUE, jobId);
            throw e;
        }
        return Optional.of(jobId);
    }

    /** The one-job claim for {@code jobId}: free, or held by a job that has ended but not yet let go. */
    private boolean claim(String jobId) {
        String scope = DiscoveryConfiguration.CLAIM_SCOPE;
        String value = DiscoveryConfiguration.CLAIM_VALUE;
        if (claims.claim(scope, value, jobId)) {
            return true;
        }
        String holder = claims.holder(scope, value);
        if (holder == null) {
            return claims.claim(scope, value, jobId);
        }
        DiscoveryJobView held = queries.one(new FindDiscoveryJob(holder), DiscoveryJobView.class);
        return held != null && held.ended() && claims.takeOver(scope, value, holder, jobId);
    }
}
