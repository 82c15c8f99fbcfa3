package io.opsledger.gateway.aws;

import static io.opsledger.gateway.aws.DiscoveryFields.addIfPresent;
import static io.opsledger.gateway.aws.DiscoveryFields.detail;
import static io.opsledger.gateway.aws.DiscoveryFields.ec2Tags;
import static io.opsledger.gateway.aws.DiscoveryFields.nameOr;
import static io.opsledger.gateway.aws.DiscoveryFields.put;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Discovers what runs code: EC2 instances, Lambda functions, EKS clusters and the ECR repositories
 * their images come from.
 */
final class ComputeDiscovery {

    static final Map<String, ServiceDiscoverer> BY_TYPE = Map.of(
            "EC2", ComputeDiscovery::ec2Instances,
            "LAMBDA", ComputeDiscovery::lambdaFunctions,
            "EKS", ComputeDiscovery::eksClusters,
            "ECR", ComputeDiscovery::ecrRepositories);

    private ComputeDiscovery() {
    }

    private static List<DiscoveredResource> ec2Instances(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (Ec2Client ec2 = c.client(Ec2Client.builder())) {
            for (Reservation reservation : ec2.describeInstancesPaginator(b -> { }).reservations()) {
                for (Instance i : reservation.instances()) {
                    String state = i.state() == null ? null : i.state().nameAsString();
                    if ("terminated".equals(state)) {
                        continue;
                    }
                    Map<String, String> tags = ec2Tags(i.tags());
                    Set<String> ips = new LinkedHashSet<>();
                    addIfPresent(ips, i.privateIpAddress());
                    addIfPresent(ips, i.publicIpAddress());
                    for (InstanceNetworkInterface nic : i.networkInterfaces()) {
                        for (InstancePrivateIpAddress ip : nic.privateIpAddresses()) {
                            addIfPresent(ips, ip.privateIpAddress());
                            if (ip.association() != null) {
                                addIfPresent(ips, ip.association().publicIp());
                            }
                        }
                        nic.ipv6Addresses().forEach(v6 -> addIfPresent(ips, v6.ipv6Address()));
                    }
                    Set<String> dns = new LinkedHashSet<>();
                    addIfPresent(dns, i.privateDnsName());
                    addIfPresent(dns, i.publicDnsName());
                    Map<String, Object> meta = new LinkedHashMap<>();
                    put(meta, "instance_type", i.instanceTypeAsString());
                    put(meta, "state", state);
                    put(meta, "image_id", i.imageId());
                    put(meta, "vpc_id", i.vpcId());
                    put(meta, "subnet_id", i.subnetId());
                    put(meta, "availability_zone", i.placement() == null ? null : i.placement().availabilityZone());
                    put(meta, "launch_time", i.launchTime());
                    put(meta, "platform", i.platformDetails());
                    put(meta, "key_name", i.keyName());
                    found.add(new DiscoveredResource("EC2", nameOr(tags, i.instanceId()),
                            c.arn("ec2", reservation.ownerId(), "instance/" + i.instanceId()), i.instanceId(),
                            c.region(), tags, List.copyOf(ips), List.copyOf(dns), meta));
                }
            }
        }
        return found;
    }

    private static List<DiscoveredResource> lambdaFunctions(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (LambdaClient lambda = c.client(LambdaClient.builder())) {
            for (FunctionConfiguration f : lambda.listFunctionsPaginator(b -> { }).functions()) {
                Map<String, String> tags = new LinkedHashMap<>(
                        detail(() -> lambda.listTags(b -> b.resource(f.functionArn())).tags()).orElse(Map.of()));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "runtime", f.runtimeAsString());
                put(meta, "handler", f.handler());
                put(meta, "memory_mb", f.memorySize());
                put(meta, "timeout_seconds", f.timeout());
                put(meta, "last_modified", f.lastModified());
                put(meta, "role", f.role());
                put(meta, "code_size", f.codeSize());
                put(meta, "package_type", f.packageTypeAsString());
                if (f.vpcConfig() != null) {
                    put(meta, "vpc_id", f.vpcConfig().vpcId());
                }
                found.add(new DiscoveredResource("LAMBDA", nameOr(tags, f.functionName()), f.functionArn(),
                        f.functionName(), c.region(), tags, List.of(), List.of(), meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> eksClusters(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (EksClient eks = c.client(EksClient.builder())) {
            for (String name : eks.listClustersPaginator(b -> { }).clusters()) {
                Cluster cluster = eks.describeCluster(b -> b.name(name)).cluster();
                Map<String, String> tags = new LinkedHashMap<>(cluster.tags());
                List<String> dns = new ArrayList<>();
                if (cluster.endpoint() != null && !cluster.endpoint().isBlank()) {
                    addIfPresent(dns, URI.create(cluster.endpoint()).getHost());
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "version", cluster.version());
                put(meta, "status", cluster.statusAsString());
                put(meta, "platform_version", cluster.platformVersion());
                put(meta, "endpoint", cluster.endpoint());
                put(meta, "role_arn", cluster.roleArn());
                put(meta, "created_at", cluster.createdAt());
                if (cluster.resourcesVpcConfig() != null) {
                    put(meta, "vpc_id", cluster.resourcesVpcConfig().vpcId());
                }
                found.add(new DiscoveredResource("EKS", nameOr(tags, name), cluster.arn(), name, c.region(), tags,
                        List.of(), dns, meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> ecrRepositories(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (EcrClient ecr = c.client(EcrClient.builder())) {
            for (Repository repo : ecr.describeRepositoriesPaginator(b -> { }).repositories()) {
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> ecr.listTagsForResource(b -> b.resourceArn(repo.repositoryArn())).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                List<String> dns = new ArrayList<>();
                String uri = repo.repositoryUri();
                if (uri != null && uri.contains("/")) {
                    dns.add(uri.substring(0, uri.indexOf('/')));
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "uri", uri);
                put(meta, "registry_id", repo.registryId());
                put(meta, "created_at", repo.createdAt());
                put(meta, "image_tag_mutability", repo.imageTagMutabilityAsString());
                found.add(new DiscoveredResource("ECR", nameOr(tags, repo.repositoryName()), repo.repositoryArn(),
                        repo.repositoryName(), c.region(), tags, List.of(), dns, meta));
            }
        }
        return found;
    }
}
