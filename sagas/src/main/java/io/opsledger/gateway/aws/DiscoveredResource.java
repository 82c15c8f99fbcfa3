package io.opsledger.gateway.aws;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource found in AWS, in a shape that does not depend on the SDK.
 *
 * @param serviceType one of {@link AwsGateway#SERVICE_TYPES}
 * @param name        the {@code Name} tag where the resource has tags and one is set, else its
 *                    natural name or id
 * @param arn         its ARN
 * @param resourceId  its id within the service (instance id, DB identifier, bucket name, ...)
 * @param region      its region; {@code global} for IAM and Route 53
 * @param tags        its tags (empty if none or not readable)
 * @param ipAddresses private and public IPv4/IPv6 addresses, where the resource has any
 * @param dnsNames    DNS names (endpoints, load balancer names, zone names), where it has any
 * @param metadata    service-specific facts (type, state, engine, ...); values are strings,
 *                    numbers or booleans
 */
public record DiscoveredResource(String serviceType, String name, String arn, String resourceId, String region,
                                 Map<String, String> tags, List<String> ipAddresses, List<String> dnsNames,
                                 Map<String, Object> metadata) {

    public DiscoveredResource {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(region, "region");
        tags = Map.copyOf(tags);
        ipAddresses = List.copyOf(ipAddresses);
        dnsNames = List.copyOf(dnsNames);
        metadata = Map.copyOf(metadata);
    }
}
