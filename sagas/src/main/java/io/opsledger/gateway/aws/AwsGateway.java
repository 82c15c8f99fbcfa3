package io.opsledger.gateway.aws;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/** Port to Amazon Web Services. */
public interface AwsGateway {

    /** The service types {@link #discover} knows, as the inventory's {@code aws_service_type} spells them. */
    List<String> SERVICE_TYPES = List.of("EC2", "RDS", "S3", "LAMBDA", "VPC", "EKS", "ELASTICACHE", "ALB", "NLB",
            "SQS", "SNS", "IAM", "ROUTE53", "ECR", "SECRETSMANAGER");

    /** Service types that are not regional; see {@link #discover}. */
    Set<String> GLOBAL_SERVICE_TYPES = Set.of("S3", "IAM", "ROUTE53");

    /**
     * The 12-digit account id the target's credentials (or assumed role) belong to: STS GetCallerIdentity.
     *
     * @throws AwsGatewayException if AWS refuses the credentials or cannot be reached
     */
    String callerAccount(AwsTarget target);

    /**
     * Discovers the resources of {@code serviceTypes} in {@code region}.
     *
     * <p>Global services (S3, IAM, ROUTE53) are discovered only when {@code region} equals the
     * target's home region ({@link AwsTarget#region()}), so that a caller walking through an
     * account's regions gets them exactly once: pass the account's first discovery region as
     * the target's region. S3 buckets carry their own location as region; IAM and Route 53
     * resources carry {@code global}.
     *
     * <p>A service that fails (access denied, throttled, not available in the region, unknown
     * service type) is reported to {@link DiscoveryProgress#failed} and the others are still
     * discovered; every service that succeeds is reported to {@link DiscoveryProgress#discovered}.
     *
     * @throws AwsGatewayException only if the target cannot be reached at all (the role cannot be assumed)
     */
    List<DiscoveredResource> discover(AwsTarget target, String region, Set<String> serviceTypes,
                                      DiscoveryProgress progress);

    /**
     * Unblended cost of {@code current} and of the month before (Cost Explorer GetCostAndUsage, monthly).
     *
     * @throws AwsGatewayException if Cost Explorer refuses or cannot be reached
     */
    Costs costs(AwsTarget target, YearMonth current);
}
