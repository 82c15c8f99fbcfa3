package io.opsledger.drift;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.ClaimRules;
import io.opsledger.drift.api.BackendMessages;
import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.BackendMessages.RegisterBackend;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

/**
 * Drift's unique values: one backend per place (S3 bucket and key prefix, or local directory).
 * Nothing releases a place: backends are never removed (there is no removing event).
 */
@Component
@ProcessingGroup(ClaimRules.GROUP)
public class DriftClaims implements ClaimRules {

    /** The scope existing claims are stored under. */
    static final String BACKEND_LOCATION = "drift.backend";

    @Override
    public List<Claim> claimsOf(Object command) {
        if (command instanceof RegisterBackend c) {
            String location = normalizedLocation(c.type(), c.config());
            return List.of(new Claim(BACKEND_LOCATION, location, c.backendId(),
                    RuleViolation.conflict("config", "A backend for " + location + " is already registered.")));
        }
        return List.of();
    }

    /** The place as the aggregate will record it (it normalizes the key prefix and the path). */
    static String normalizedLocation(String type, BackendConfig c) {
        if (BackendMessages.S3.equals(type)) {
            String prefix = c.keyPrefix() == null ? "" : c.keyPrefix().trim();
            while (prefix.startsWith("/")) {
                prefix = prefix.substring(1);
            }
            return BackendConfig.s3(c.bucket(), c.region(), prefix).location(type);
        }
        String path = c.path() == null || c.path().isBlank() || !c.path().startsWith("/") ? String.valueOf(c.path())
                : Path.of(c.path()).normalize().toString();
        return BackendConfig.local(path).location(type);
    }
}
