package io.opsledger.migration;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.ClaimRules;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.migration.api.MigrationMessages.CreateWorkLoad;
import io.opsledger.migration.api.MigrationMessages.WorkLoadDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * A source workload's ip belongs to one workload of its owner: creating a source claims it (the
 * copies a run makes share their source's ip and claim nothing); deleting the workload frees it.
 * An ip never changes, so an update claims nothing.
 */
@Component
@ProcessingGroup(ClaimRules.GROUP)
public class MigrationClaims implements ClaimRules {

    public static final String IP_SCOPE = "migration.work_load_ip";
    static final String IP_TAKEN = "This field is unique.";

    private final UniqueClaims claims;

    public MigrationClaims(UniqueClaims claims) {
        this.claims = claims;
    }

    @Override
    public List<Claim> claimsOf(Object command) {
        if (command instanceof CreateWorkLoad create && create.copiedFrom() == null && create.ip() != null
                && !create.ip().isBlank()) {
            return List.of(new Claim(IP_SCOPE, key(create.ownerId(), create.ip()), create.id(),
                    RuleViolation.invalid("ip", IP_TAKEN)));
        }
        return List.of();
    }

    /** Per owner; IPv6 in any letter case is the same address. */
    static String key(String ownerId, String ip) {
        return ownerId + "|" + ip.strip().toLowerCase(Locale.ROOT);
    }

    @EventHandler
    public void on(WorkLoadDeleted event) {
        claims.releaseAll(IP_SCOPE, event.id());
    }
}
