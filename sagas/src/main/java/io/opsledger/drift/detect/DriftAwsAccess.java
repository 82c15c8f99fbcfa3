package io.opsledger.drift.detect;

import io.opsledger.gateway.aws.AwsCredentials;
import io.opsledger.gateway.aws.AwsTarget;

import java.util.Optional;

/**
 * The AWS account drift detection reads and tags resources in (configured, see
 * {@link io.opsledger.drift.DriftProcesses}); its region is the default for resources whose attributes name none.
 */
public interface DriftAwsAccess {

    Optional<AwsTarget> target();

    /**
     * The account configuration names: none without a key id and secret; the role, when given, is
     * assumed; the region defaults to us-east-1.
     */
    static DriftAwsAccess configured(String keyId, String secret, String token, String role, String region) {
        if (keyId.isBlank() || secret.isBlank()) {
            return Optional::empty;
        }
        AwsCredentials credentials = new AwsCredentials(keyId.trim(), secret.trim(),
                token.isBlank() ? Optional.empty() : Optional.of(token.trim()));
        String home = region.isBlank() ? "us-east-1" : region.trim();
        AwsTarget target = role.isBlank() ? AwsTarget.direct(credentials, home) : AwsTarget.assumingRole(credentials, home, role.trim());
        return () -> Optional.of(target);
    }
}
