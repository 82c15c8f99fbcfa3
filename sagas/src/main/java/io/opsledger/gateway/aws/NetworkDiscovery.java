package io.opsledger.gateway.aws;

import static io.opsledger.gateway.aws.DiscoveryFields.addIfPresent;
import static io.opsledger.gateway.aws.DiscoveryFields.detail;
import static io.opsledger.gateway.aws.DiscoveryFields.ec2Tags;
import static io.opsledger.gateway.aws.DiscoveryFields.nameOr;
import static io.opsledger.gateway.aws.DiscoveryFields.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * Discovers how traffic reaches resources: VPCs, application and network load balancers, Route 53
 * hosted zones.
 */
final class NetworkDiscovery {

    static final Map<String, ServiceDiscoverer> BY_TYPE = Map.of(
            "VPC", NetworkDiscovery::vpcs,
            "ALB", c -> loadBalancers(c, "application", "ALB"),
            "NLB", c -> loadBalancers(c, "network", "NLB"),
            "ROUTE53", NetworkDiscovery::route53Zones);

    private NetworkDiscovery() {
    }

    private static List<DiscoveredResource> vpcs(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (Ec2Client ec2 = c.client(Ec2Client.builder())) {
            for (Vpc v : ec2.describeVpcsPaginator(b -> { }).vpcs()) {
                Map<String, String> tags = ec2Tags(v.tags());
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "cidr_block", v.cidrBlock());
                put(meta, "is_default", v.isDefault());
                put(meta, "state", v.stateAsString());
                put(meta, "dhcp_options_id", v.dhcpOptionsId());
                put(meta, "instance_tenancy", v.instanceTenancyAsString());
                found.add(new DiscoveredResource("VPC", nameOr(tags, v.vpcId()),
                        c.arn("ec2", v.ownerId(), "vpc/" + v.vpcId()), v.vpcId(), c.region(), tags,
                        List.of(), List.of(), meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> loadBalancers(DiscoveryScope c, String awsType, String serviceType) {
        List<LoadBalancer> balancers = new ArrayList<>();
        Map<String, Map<String, String>> tagsByArn = new LinkedHashMap<>();
        try (ElasticLoadBalancingV2Client elb = c.client(ElasticLoadBalancingV2Client.builder())) {
            for (LoadBalancer lb : elb.describeLoadBalancersPaginator(b -> { }).loadBalancers()) {
                if (awsType.equals(lb.typeAsString())) {
                    balancers.add(lb);
                }
            }
            // DescribeTags takes at most 20 ARNs.
            for (int from = 0; from < balancers.size(); from += 20) {
                List<String> arns = balancers.subList(from, Math.min(from + 20, balancers.size())).stream()
                        .map(LoadBalancer::loadBalancerArn).toList();
                detail(() -> elb.describeTags(b -> b.resourceArns(arns)).tagDescriptions())
                        .ifPresent(list -> {
                            for (TagDescription d : list) {
                                Map<String, String> tags = new LinkedHashMap<>();
                                d.tags().forEach(t -> tags.put(t.key(), t.value()));
                                tagsByArn.put(d.resourceArn(), tags);
                            }
                        });
            }
        }
        List<DiscoveredResource> found = new ArrayList<>();
        for (LoadBalancer lb : balancers) {
            Map<String, String> tags = tagsByArn.getOrDefault(lb.loadBalancerArn(), Map.of());
            List<String> ips = new ArrayList<>();
            List<String> zones = new ArrayList<>();
            for (AvailabilityZone zone : lb.availabilityZones()) {
                addIfPresent(zones, zone.zoneName());
                for (LoadBalancerAddress address : zone.loadBalancerAddresses()) {
                    addIfPresent(ips, address.ipAddress());
                    addIfPresent(ips, address.privateIPv4Address());
                    addIfPresent(ips, address.iPv6Address());
                }
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            put(meta, "type", lb.typeAsString());
            put(meta, "scheme", lb.schemeAsString());
            put(meta, "vpc_id", lb.vpcId());
            put(meta, "state", lb.state() == null ? null : lb.state().codeAsString());
            put(meta, "ip_address_type", lb.ipAddressTypeAsString());
            put(meta, "created_time", lb.createdTime());
            if (!zones.isEmpty()) {
                put(meta, "availability_zones", String.join(",", zones));
            }
            String arn = lb.loadBalancerArn();
            String resourceId = arn.contains(":loadbalancer/") ? arn.substring(arn.indexOf(":loadbalancer/") + 14)
                    : lb.loadBalancerName();
            List<String> dns = lb.dnsName() == null ? List.of() : List.of(lb.dnsName());
            found.add(new DiscoveredResource(serviceType, nameOr(tags, lb.loadBalancerName()), arn, resourceId,
                    c.region(), tags, ips, dns, meta));
        }
        return found;
    }

    private static List<DiscoveredResource> route53Zones(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (Route53Client route53 = c.globalClient(Route53Client.builder())) {
            for (HostedZone zone : route53.listHostedZonesPaginator(b -> { }).hostedZones()) {
                String id = zone.id().substring(zone.id().lastIndexOf('/') + 1);
                String name = zone.name().endsWith(".") ? zone.name().substring(0, zone.name().length() - 1)
                        : zone.name();
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> route53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE)
                        .resourceId(id)).resourceTagSet().tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "private_zone", zone.config() == null ? null : zone.config().privateZone());
                put(meta, "comment", zone.config() == null ? null : zone.config().comment());
                put(meta, "record_count", zone.resourceRecordSetCount());
                found.add(new DiscoveredResource("ROUTE53", nameOr(tags, name),
                        "arn:" + c.partition() + ":route53:::hostedzone/" + id, id, DiscoveryScope.GLOBAL, tags, List.of(),
                        List.of(name), meta));
            }
        }
        return found;
    }
}
