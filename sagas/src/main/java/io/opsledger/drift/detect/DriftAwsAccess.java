package io.opsledger.drift.detect;

import io.opsledger.gateway.aws.AwsTarget;

import java.util.Optional;

/**
 * The AWS account drift detection reads and tags resources in (configured, see the api-web drift
 * configuration); its region is the default for resources whose attributes name none.
 */
public interface DriftAwsAccess {

    Optional<AwsTarget> target();
}
