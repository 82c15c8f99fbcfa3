package io.opsledger.gateway.aws;

import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real AWS adapter, on the AWS SDK v2. Every call builds its clients from {@link AwsClients}
 * (one shared HTTP client, the endpoint override, path-style S3) and closes them before
 * returning. Close the gateway to release the HTTP client.
 */
public class SdkAwsGateway implements AwsGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SdkAwsGateway.class);
    private static final String SESSION_NAME = "opsledger";
    private static final String GLOBAL = "global";
    private static final String COST_METRIC = "UnblendedCost";

    private final AwsClients clients;

    /** Talks to AWS's own endpoints. */
    public SdkAwsGateway() {
        this(Optional.empty());
    }

    /** @param endpoint if present, the endpoint of every AWS service (e.g. {@code http://127.0.0.1:5000}) */
    public SdkAwsGateway(Optional<URI> endpoint) {
        this.clients = new AwsClients(endpoint, AwsClients.Timeouts.ACCOUNT_CALLS);
    }

    /** From a configuration value such as {@code OPSLEDGER_AWS_ENDPOINT}: blank or null means AWS itself. */
    public static SdkAwsGateway forEndpoint(String endpoint) {
        return new SdkAwsGateway(AwsClients.endpoint(endpoint));
    }

    @Override
    public void close() {
        clients.close();
    }

    // ---- STS --------------------------------------------------------------------------------

    @Override
    public String callerAccount(AwsTarget target) {
        try (AwsClients.Session session = open(target);
             StsClient sts = client(StsClient.builder(), session.credentials(), Region.of(target.region()))) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new AwsGatewayException("STS GetCallerIdentity failed: " + describe(e), e);
        }
    }

    /** The target's credentials, with its role already assumed: a role that cannot be assumed fails the whole call. */
    private AwsClients.Session open(AwsTarget target) {
        AwsClients.Session session = clients.session(target, SESSION_NAME);
        try {
            return session.verify();
        } catch (SdkException e) {
            session.close();
            throw new AwsGatewayException("STS AssumeRole " + target.roleToAssume().orElse("") + " failed: "
                    + describe(e), e);
        }
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, AwsCredentialsProvider credentials, Region region) {
        return clients.build(builder, credentials, region);
    }

    // ---- Discovery ----------------------------------------------------------------------------

    @Override
    public List<DiscoveredResource> discover(AwsTarget target, String region, Set<String> serviceTypes,
                                             DiscoveryProgress progress) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(progress, "progress");
        boolean homeRegion = region.equals(target.region());
        Set<String> wanted = new LinkedHashSet<>();
        SERVICE_TYPES.stream().filter(serviceTypes::contains).forEach(wanted::add);
        wanted.addAll(serviceTypes);
        List<DiscoveredResource> all = new ArrayList<>();
        try (AwsClients.Session session = open(target)) {
            Context context = new Context(session.credentials(), region);
            for (String type : wanted) {
                if (GLOBAL_SERVICE_TYPES.contains(type) && !homeRegion) {
                    continue;
                }
                Function<Context, List<DiscoveredResource>> discoverer = discoverer(type);
                if (discoverer == null) {
                    progress.failed(type, region, "unknown service type " + type);
                    continue;
                }
                List<DiscoveredResource> found;
                try {
                    found = discoverer.apply(context);
                } catch (RuntimeException e) {
                    String message = e instanceof SdkException sdk ? describe(sdk) : e.toString();
                    log.warn("AWS discovery of {} in {} failed: {}", type, region, message);
                    progress.failed(type, region, message);
                    continue;
                }
                all.addAll(found);
                progress.discovered(type, region, found.size());
            }
        }
        return all;
    }

    /** What one service's discovery needs. */
    private record Context(AwsCredentialsProvider credentials, String region) {
        Region sdkRegion() {
            return Region.of(region);
        }

        String partition() {
            if (region.startsWith("cn-")) {
                return "aws-cn";
            }
            return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        }
    }

    private Function<Context, List<DiscoveredResource>> discoverer(String type) {
        return switch (type) {
            case "EC2" -> this::ec2Instances;
            case "VPC" -> this::vpcs;
            case "RDS" -> this::rdsInstances;
            case "S3" -> this::s3Buckets;
            case "LAMBDA" -> this::lambdaFunctions;
            case "EKS" -> this::eksClusters;
            case "ELASTICACHE" -> this::elastiCacheClusters;
            case "ALB" -> c -> loadBalancers(c, "application", "ALB");
            case "NLB" -> c -> loadBalancers(c, "network", "NLB");
            case "SQS" -> this::sqsQueues;
            case "SNS" -> this::snsTopics;
            case "IAM" -> this::iamRolesAndUsers;
            case "ROUTE53" -> this::route53Zones;
            case "ECR" -> this::ecrRepositories;
            case "SECRETSMANAGER" -> this::secrets;
            default -> null;
        };
    }

    private List<DiscoveredResource> ec2Instances(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (Ec2Client ec2 = client(Ec2Client.builder(), c.credentials, c.sdkRegion())) {
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
                            arn(c, "ec2", reservation.ownerId(), "instance/" + i.instanceId()), i.instanceId(),
                            c.region, tags, List.copyOf(ips), List.copyOf(dns), meta));
                }
            }
        }
        return found;
    }

    private List<DiscoveredResource> vpcs(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (Ec2Client ec2 = client(Ec2Client.builder(), c.credentials, c.sdkRegion())) {
            for (Vpc v : ec2.describeVpcsPaginator(b -> { }).vpcs()) {
                Map<String, String> tags = ec2Tags(v.tags());
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "cidr_block", v.cidrBlock());
                put(meta, "is_default", v.isDefault());
                put(meta, "state", v.stateAsString());
                put(meta, "dhcp_options_id", v.dhcpOptionsId());
                put(meta, "instance_tenancy", v.instanceTenancyAsString());
                found.add(new DiscoveredResource("VPC", nameOr(tags, v.vpcId()),
                        arn(c, "ec2", v.ownerId(), "vpc/" + v.vpcId()), v.vpcId(), c.region, tags,
                        List.of(), List.of(), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> rdsInstances(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (RdsClient rds = client(RdsClient.builder(), c.credentials, c.sdkRegion())) {
            for (DBInstance db : rds.describeDBInstancesPaginator(b -> { }).dbInstances()) {
                Map<String, String> tags = new LinkedHashMap<>();
                db.tagList().forEach(t -> tags.put(t.key(), t.value()));
                List<String> dns = new ArrayList<>();
                Map<String, Object> meta = new LinkedHashMap<>();
                if (db.endpoint() != null) {
                    addIfPresent(dns, db.endpoint().address());
                    put(meta, "port", db.endpoint().port());
                }
                put(meta, "engine", db.engine());
                put(meta, "engine_version", db.engineVersion());
                put(meta, "instance_class", db.dbInstanceClass());
                put(meta, "status", db.dbInstanceStatus());
                put(meta, "multi_az", db.multiAZ());
                put(meta, "allocated_storage_gb", db.allocatedStorage());
                put(meta, "availability_zone", db.availabilityZone());
                put(meta, "dbi_resource_id", db.dbiResourceId());
                put(meta, "storage_encrypted", db.storageEncrypted());
                found.add(new DiscoveredResource("RDS", nameOr(tags, db.dbInstanceIdentifier()), db.dbInstanceArn(),
                        db.dbInstanceIdentifier(), c.region, tags, List.of(), dns, meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> s3Buckets(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (S3Client s3 = clients.s3AnyRegion(c.credentials, c.sdkRegion(), builder -> { })) {
            for (Bucket bucket : s3.listBucketsPaginator(ListBucketsRequest.builder().build()).buckets()) {
                String name = bucket.name();
                String region = bucket.bucketRegion();
                if (region == null || region.isBlank()) {
                    region = optional(() -> s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString())
                            .orElse(null);
                }
                if (region == null || region.isBlank() || "null".equals(region)) {
                    region = "us-east-1";
                } else if ("EU".equals(region)) {
                    region = "eu-west-1";
                }
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> s3.getBucketTagging(b -> b.bucket(name)).tagSet())
                        .ifPresent(set -> set.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "creation_date", bucket.creationDate());
                String partition = new Context(c.credentials, region).partition();
                found.add(new DiscoveredResource("S3", nameOr(tags, name), "arn:" + partition + ":s3:::" + name,
                        name, region, tags, List.of(), List.of(name + ".s3." + region + ".amazonaws.com"), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> lambdaFunctions(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (LambdaClient lambda = client(LambdaClient.builder(), c.credentials, c.sdkRegion())) {
            for (FunctionConfiguration f : lambda.listFunctionsPaginator(b -> { }).functions()) {
                Map<String, String> tags = new LinkedHashMap<>(
                        optional(() -> lambda.listTags(b -> b.resource(f.functionArn())).tags()).orElse(Map.of()));
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
                        f.functionName(), c.region, tags, List.of(), List.of(), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> eksClusters(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (EksClient eks = client(EksClient.builder(), c.credentials, c.sdkRegion())) {
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
                found.add(new DiscoveredResource("EKS", nameOr(tags, name), cluster.arn(), name, c.region, tags,
                        List.of(), dns, meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> elastiCacheClusters(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (ElastiCacheClient cache = client(ElastiCacheClient.builder(), c.credentials, c.sdkRegion())) {
            for (CacheCluster cluster : cache.describeCacheClustersPaginator(b -> b.showCacheNodeInfo(true))
                    .cacheClusters()) {
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> cache.listTagsForResource(b -> b.resourceName(cluster.arn())).tagList())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Set<String> dns = new LinkedHashSet<>();
                if (cluster.configurationEndpoint() != null) {
                    addIfPresent(dns, cluster.configurationEndpoint().address());
                }
                for (CacheNode node : cluster.cacheNodes()) {
                    if (node.endpoint() != null) {
                        addIfPresent(dns, node.endpoint().address());
                    }
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "engine", cluster.engine());
                put(meta, "engine_version", cluster.engineVersion());
                put(meta, "node_type", cluster.cacheNodeType());
                put(meta, "status", cluster.cacheClusterStatus());
                put(meta, "num_nodes", cluster.numCacheNodes());
                put(meta, "replication_group_id", cluster.replicationGroupId());
                put(meta, "availability_zone", cluster.preferredAvailabilityZone());
                String arn = cluster.arn() != null ? cluster.arn()
                        : arn(c, "elasticache", "", "cluster:" + cluster.cacheClusterId());
                found.add(new DiscoveredResource("ELASTICACHE", nameOr(tags, cluster.cacheClusterId()), arn,
                        cluster.cacheClusterId(), c.region, tags, List.of(), List.copyOf(dns), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> loadBalancers(Context c, String awsType, String serviceType) {
        List<LoadBalancer> balancers = new ArrayList<>();
        Map<String, Map<String, String>> tagsByArn = new LinkedHashMap<>();
        try (ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), c.credentials,
                c.sdkRegion())) {
            for (LoadBalancer lb : elb.describeLoadBalancersPaginator(b -> { }).loadBalancers()) {
                if (awsType.equals(lb.typeAsString())) {
                    balancers.add(lb);
                }
            }
            // DescribeTags takes at most 20 ARNs.
            for (int from = 0; from < balancers.size(); from += 20) {
                List<String> arns = balancers.subList(from, Math.min(from + 20, balancers.size())).stream()
                        .map(LoadBalancer::loadBalancerArn).toList();
                optional(() -> elb.describeTags(b -> b.resourceArns(arns)).tagDescriptions())
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
                    c.region, tags, ips, dns, meta));
        }
        return found;
    }

    private List<DiscoveredResource> sqsQueues(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (SqsClient sqs = client(SqsClient.builder(), c.credentials, c.sdkRegion())) {
            for (String url : sqs.listQueuesPaginator(b -> { }).queueUrls()) {
                String name = url.substring(url.lastIndexOf('/') + 1);
                Map<QueueAttributeName, String> attributes = optional(() -> sqs.getQueueAttributes(
                        b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes()).orElse(Map.of());
                Map<String, String> tags = new LinkedHashMap<>(
                        optional(() -> sqs.listQueueTags(b -> b.queueUrl(url)).tags()).orElse(Map.of()));
                String arn = attributes.get(QueueAttributeName.QUEUE_ARN);
                if (arn == null) {
                    arn = arn(c, "sqs", accountFromQueueUrl(url), name);
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "url", url);
                put(meta, "fifo", name.endsWith(".fifo"));
                put(meta, "visibility_timeout", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
                put(meta, "message_retention_period", attributes.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
                put(meta, "approximate_messages", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                found.add(new DiscoveredResource("SQS", nameOr(tags, name), arn, name, c.region, tags, List.of(),
                        List.of(), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> snsTopics(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (SnsClient sns = client(SnsClient.builder(), c.credentials, c.sdkRegion())) {
            for (Topic topic : sns.listTopicsPaginator(b -> { }).topics()) {
                String arn = topic.topicArn();
                String name = arn.substring(arn.lastIndexOf(':') + 1);
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> sns.listTagsForResource(b -> b.resourceArn(arn)).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, String> attributes = optional(
                        () -> sns.getTopicAttributes(b -> b.topicArn(arn)).attributes()).orElse(Map.of());
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "display_name", attributes.get("DisplayName"));
                put(meta, "subscriptions_confirmed", attributes.get("SubscriptionsConfirmed"));
                put(meta, "fifo", name.endsWith(".fifo"));
                found.add(new DiscoveredResource("SNS", nameOr(tags, name), arn, name, c.region, tags, List.of(),
                        List.of(), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> iamRolesAndUsers(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (IamClient iam = client(IamClient.builder(), c.credentials, Region.AWS_GLOBAL)) {
            for (Role role : iam.listRolesPaginator(b -> { }).roles()) {
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> iam.listRoleTags(b -> b.roleName(role.roleName())).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "kind", "role");
                put(meta, "path", role.path());
                put(meta, "role_id", role.roleId());
                put(meta, "created", role.createDate());
                put(meta, "description", role.description());
                found.add(new DiscoveredResource("IAM", nameOr(tags, role.roleName()), role.arn(), role.roleName(),
                        GLOBAL, tags, List.of(), List.of(), meta));
            }
            for (User user : iam.listUsersPaginator(b -> { }).users()) {
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> iam.listUserTags(b -> b.userName(user.userName())).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "kind", "user");
                put(meta, "path", user.path());
                put(meta, "user_id", user.userId());
                put(meta, "created", user.createDate());
                put(meta, "password_last_used", user.passwordLastUsed());
                found.add(new DiscoveredResource("IAM", nameOr(tags, user.userName()), user.arn(), user.userName(),
                        GLOBAL, tags, List.of(), List.of(), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> route53Zones(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (Route53Client route53 = client(Route53Client.builder(), c.credentials, Region.AWS_GLOBAL)) {
            for (HostedZone zone : route53.listHostedZonesPaginator(b -> { }).hostedZones()) {
                String id = zone.id().substring(zone.id().lastIndexOf('/') + 1);
                String name = zone.name().endsWith(".") ? zone.name().substring(0, zone.name().length() - 1)
                        : zone.name();
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> route53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE)
                        .resourceId(id)).resourceTagSet().tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "private_zone", zone.config() == null ? null : zone.config().privateZone());
                put(meta, "comment", zone.config() == null ? null : zone.config().comment());
                put(meta, "record_count", zone.resourceRecordSetCount());
                found.add(new DiscoveredResource("ROUTE53", nameOr(tags, name),
                        "arn:" + c.partition() + ":route53:::hostedzone/" + id, id, GLOBAL, tags, List.of(),
                        List.of(name), meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> ecrRepositories(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (EcrClient ecr = client(EcrClient.builder(), c.credentials, c.sdkRegion())) {
            for (Repository repo : ecr.describeRepositoriesPaginator(b -> { }).repositories()) {
                Map<String, String> tags = new LinkedHashMap<>();
                optional(() -> ecr.listTagsForResource(b -> b.resourceArn(repo.repositoryArn())).tags())
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
                        repo.repositoryName(), c.region, tags, List.of(), dns, meta));
            }
        }
        return found;
    }

    private List<DiscoveredResource> secrets(Context c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (SecretsManagerClient sm = client(SecretsManagerClient.builder(), c.credentials, c.sdkRegion())) {
            for (SecretListEntry secret : (Iterable<SecretListEntry>) sm.listSecretsPaginator(b -> { }).stream()
                    .flatMap(page -> page.secretList().stream())::iterator) {
                Map<String, String> tags = new LinkedHashMap<>();
                secret.tags().forEach(t -> tags.put(t.key(), t.value()));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "description", secret.description());
                put(meta, "rotation_enabled", secret.rotationEnabled());
                put(meta, "last_changed", secret.lastChangedDate());
                put(meta, "last_accessed", secret.lastAccessedDate());
                put(meta, "kms_key_id", secret.kmsKeyId());
                found.add(new DiscoveredResource("SECRETSMANAGER", nameOr(tags, secret.name()), secret.arn(),
                        secret.name(), c.region, tags, List.of(), List.of(), meta));
            }
        }
        return found;
    }

    // ---- Costs ---------------------------------------------------------------------------------

    @Override
    public Costs costs(AwsTarget target, YearMonth current) {
        Objects.requireNonNull(current, "current");
        YearMonth previous = current.minusMonths(1);
        String start = previous.atDay(1).toString();
        String end = current.plusMonths(1).atDay(1).toString();
        Map<String, BigDecimal> byMonthStart = new LinkedHashMap<>();
        String currency = "USD";
        // Cost Explorer has a single endpoint, in us-east-1 (cn-northwest-1 for China).
        Region ceRegion = target.region().startsWith("cn-") ? Region.CN_NORTHWEST_1 : Region.US_EAST_1;
        try (AwsClients.Session session = open(target);
             CostExplorerClient ce = client(CostExplorerClient.builder(), session.credentials(), ceRegion)) {
            String token = null;
            do {
                String page = token;
                GetCostAndUsageResponse response = ce.getCostAndUsage(b -> b
                        .timePeriod(DateInterval.builder().start(start).end(end).build())
                        .granularity(Granularity.MONTHLY)
                        .metrics(COST_METRIC)
                        .nextPageToken(page));
                for (ResultByTime result : response.resultsByTime()) {
                    MetricValue value = result.total().get(COST_METRIC);
                    if (value == null || value.amount() == null || result.timePeriod() == null) {
                        continue;
                    }
                    byMonthStart.merge(result.timePeriod().start(), new BigDecimal(value.amount()), BigDecimal::add);
                    if (value.unit() != null && !value.unit().isBlank()) {
                        currency = value.unit();
                    }
                }
                token = response.nextPageToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            throw new AwsGatewayException("Cost Explorer GetCostAndUsage failed: " + describe(e), e);
        }
        return new Costs(current,
                byMonthStart.getOrDefault(current.atDay(1).toString(), BigDecimal.ZERO),
                byMonthStart.getOrDefault(start, BigDecimal.ZERO),
                currency);
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    private static Map<String, String> ec2Tags(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    private static String nameOr(Map<String, String> tags, String fallback) {
        String name = tags.get("Name");
        return name == null || name.isBlank() ? fallback : name;
    }

    private static String arn(Context c, String service, String account, String resource) {
        return "arn:" + c.partition() + ":" + service + ":" + c.region + ":" + (account == null ? "" : account) + ":"
                + resource;
    }

    private static String accountFromQueueUrl(String url) {
        String[] parts = URI.create(url).getPath().split("/");
        return parts.length >= 2 ? parts[1] : "";
    }

    private static void addIfPresent(java.util.Collection<String> to, String value) {
        if (value != null && !value.isBlank() && !to.contains(value)) {
            to.add(value);
        }
    }

    private static void put(Map<String, Object> meta, String key, Object value) {
        if (value == null) {
            return;
        }
        meta.put(key, value instanceof String || value instanceof Number || value instanceof Boolean
                ? value : value.toString());
    }

    /** A per-resource detail (tags, attributes): when AWS refuses it, the resource is still reported. */
    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            log.debug("AWS detail call failed: {}", describe(e));
            return Optional.empty();
        }
    }

    private static String describe(SdkException e) {
        return AwsClients.describe(e);
    }
}
