package io.opsledger.gateway.aws;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port to AWS for drift detection: the live side of Terraform-managed resources, read and tagged
 * by Terraform type and id. Attributes use Terraform's names (aws provider 5), so they compare
 * with a state's attributes directly.
 *
 * <p>aws_db_instance is keyed by its DB identifier (Terraform's {@code identifier}); the
 * {@code id} of provider 5 states (the DbiResourceId) is reported as {@code resource_id}.
 */
public interface AwsLiveResources {

    /** The Terraform types these adapters read. */
    Set<String> SUPPORTED_TYPES = Set.of("aws_instance", "aws_db_instance", "aws_s3_bucket", "aws_security_group", "aws_vpc");

    /**
     * Every live resource of {@code type} in {@code region}, keyed by id (buckets: those whose
     * location is {@code region}). Terminated instances and deleted databases are left out.
     *
     * @throws AwsGatewayException if AWS refuses or cannot be reached, or the type is not supported
     */
    Map<String, LiveResource> list(AwsTarget target, String region, String type);

    /** One resource, or empty if AWS does not have it (any more). */
    Optional<LiveResource> get(AwsTarget target, String region, String type, String id);

    /**
     * Sets {@code set} (adding or overwriting) and removes {@code remove} on the resource, then
     * answers its tags as AWS reports them.
     *
     * @throws AwsGatewayException if AWS refuses, or the resource or type is unknown
     */
    Map<String, String> writeTags(AwsTarget target, String region, String type, String id, Map<String, String> set,
                                  Collection<String> remove);
}
