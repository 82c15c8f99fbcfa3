package io.opsledger.gateway.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The AWS SDK v2 adapter of {@link AwsLiveResources}, with clients from {@link AwsClients} (an
 * optional endpoint override for every service with path-style S3, one shared HTTP client),
 * built per call and closed before returning. Close it to release the HTTP client.
 */
public class SdkAwsLiveResources implements AwsLiveResources, AutoCloseable {

    private static final int VOLUME_CHUNK = 200;
    /** The role session name CloudTrail shows for drift's calls into a member account. */
    private static final String SESSION_NAME = "opsledger-drift";
    private final AwsClients clients;

    public SdkAwsLiveResources(Optional<URI> endpoint) {
        this.clients = new AwsClients(endpoint, AwsClients.Timeouts.ACCOUNT_CALLS);
    }

    /** From a configuration value such as {@code OPSLEDGER_AWS_ENDPOINT}: blank or null means AWS itself. */
    public static SdkAwsLiveResources forEndpoint(String endpoint) {
        return new SdkAwsLiveResources(AwsClients.endpoint(endpoint));
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public Map<String, LiveResource> list(AwsTarget target, String region, String type) {
        return call(type + " in " + region, target, region, c -> switch (type) {
            case "aws_instance" -> instances(c, List.of());
            case "aws_db_instance" -> databases(c, null);
            case "aws_s3_bucket" -> buckets(c, null);
            case "aws_security_group" -> securityGroups(c, List.of());
            case "aws_vpc" -> vpcs(c, List.of());
            default -> throw unsupported(type);
        });
    }

    @Override
    public Optional<LiveResource> get(AwsTarget target, String region, String type, String id) {
        Objects.requireNonNull(id, "id");
        Map<String, LiveResource> found = call(type + " " + id, target, region, c -> switch (type) {
            case "aws_instance" -> instances(c, List.of(id));
            case "aws_db_instance" -> databases(c, id);
            case "aws_s3_bucket" -> buckets(c, id);
            case "aws_security_group" -> securityGroups(c, List.of(id));
            case "aws_vpc" -> vpcs(c, List.of(id));
            default -> throw unsupported(type);
        });
        return Optional.ofNullable(found.get(id));
    }

    @Override
    public Map<String, String> writeTags(AwsTarget target, String region, String type, String id, Map<String, String> set,
                                         Collection<String> remove) {
        Map<String, String> toSet = set == null ? Map.of() : set;
        Collection<String> toRemove = remove == null ? List.of() : remove;
        call("tagging " + type + " " + id, target, region, c -> {
            switch (type) {
                case "aws_instance", "aws_security_group", "aws_vpc" -> {
                    try (Ec2Client ec2 = client(Ec2Client.builder(), c)) {
                        if (!toSet.isEmpty()) {
                            ec2.createTags(b -> b.resources(id).tags(toSet.entrySet().stream().map(e ->
                                    software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue())
                                            .build()).toList()));
                        }
                        if (!toRemove.isEmpty()) {
                            ec2.deleteTags(b -> b.resources(id).tags(toRemove.stream().map(k ->
                                    software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).build()).toList()));
                        }
                    }
                }
                case "aws_db_instance" -> {
                    LiveResource db = databases(c, id).get(id);
                    if (db == null) {
                        throw new IllegalArgumentException("no DB instance " + id + " in " + c.region);
                    }
                    String arn = (String) db.attributes().get("arn");
                    try (RdsClient rds = client(RdsClient.builder(), c)) {
                        if (!toSet.isEmpty()) {
                            rds.addTagsToResource(b -> b.resourceName(arn).tags(toSet.entrySet().stream().map(e ->
                                    software.amazon.awssdk.services.rds.model.Tag.builder().key(e.getKey()).value(e.getValue())
                                            .build()).toList()));
                        }
                        if (!toRemove.isEmpty()) {
                            rds.removeTagsFromResource(b -> b.resourceName(arn).tagKeys(toRemove));
                        }
                    }
                }
                case "aws_s3_bucket" -> {
                    try (S3Client s3 = s3(c)) {
                        Map<String, String> tags = new LinkedHashMap<>(bucketTags(s3, id));
                        tags.putAll(toSet);
                        toRemove.forEach(tags::remove);
                        if (tags.isEmpty()) {
                            s3.deleteBucketTagging(b -> b.bucket(id));
                        } else {
                            s3.putBucketTagging(b -> b.bucket(id).tagging(t -> t.tagSet(tags.entrySet().stream().map(e ->
                                    software.amazon.awssdk.services.s3.model.Tag.builder().key(e.getKey()).value(e.getValue())
                                            .build()).toList())));
                        }
                    }
                }
                default -> throw unsupported(type);
            }
            return Map.of();
        });
        return get(target, region, type, id).map(LiveResource::tags)
                .orElseThrow(() -> new AwsGatewayException(type + " " + id + " is gone after tagging", null));
    }

    // ---- calls

    private record Ctx(AwsCredentialsProvider credentials, String region) {
        Region sdkRegion() { return Region.of(region); }
    }

    private interface Call<T> {
        T apply(Ctx c);
    }

    /** Runs {@code call} with the target's credentials (the role is assumed on first use, not before). */
    private <T> T call(String what, AwsTarget target, String region, Call<T> call) {
        try (AwsClients.Session session = clients.session(target, SESSION_NAME)) {
            return call.apply(new Ctx(session.credentials(), region));
        } catch (SdkException e) {
            throw new AwsGatewayException("AWS " + what + " failed: " + AwsClients.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new AwsGatewayException("AWS " + what + " failed: " + e.getMessage(), e);
        }
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Ctx c) {
        return clients.build(builder, c.credentials, c.sdkRegion());
    }

    private S3Client s3(Ctx c) {
        return clients.s3(c.credentials, c.sdkRegion());
    }

    private static IllegalArgumentException unsupported(String type) {
        return new IllegalArgumentException("resource type " + type + " is not supported (supported: "
                + String.join(", ", new java.util.TreeSet<>(SUPPORTED_TYPES)) + ")");
    }

    // ---- EC2 instances

    private Map<String, LiveResource> instances(Ctx c, List<String> ids) {
        Map<String, LiveResource> found = new LinkedHashMap<>();
        try (Ec2Client ec2 = client(Ec2Client.builder(), c)) {
            List<Instance> all = new ArrayList<>();
            try {
                for (Reservation r : ec2.describeInstancesPaginator(b -> {
                    if (!ids.isEmpty()) {
                        b.instanceIds(ids);
                    }
                }).reservations()) {
                    all.addAll(r.instances());
                }
            } catch (AwsServiceException e) {
                if (!ids.isEmpty() && e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorCode())
                        .startsWith("InvalidInstanceID")) {
                    return found;
                }
                throw e;
            }
            List<String> volumeIds = all.stream().flatMap(i -> i.blockDeviceMappings().stream())
                    .filter(m -> m.ebs() != null && m.ebs().volumeId() != null).map(m -> m.ebs().volumeId()).toList();
            Map<String, Volume> volumes = new LinkedHashMap<>();
            // in chunks: a request names at most a few hundred volumes
            for (int from = 0; from < volumeIds.size(); from += VOLUME_CHUNK) {
                List<String> chunk = volumeIds.subList(from, Math.min(volumeIds.size(), from + VOLUME_CHUNK));
                for (Volume v : ec2.describeVolumesPaginator(b -> b.volumeIds(chunk)).volumes()) {
                    volumes.put(v.volumeId(), v);
                }
            }
            for (Instance i : all) {
                String state = i.state() == null ? null : i.state().nameAsString();
                if ("terminated".equals(state) || "shutting-down".equals(state)) {
                    continue;
                }
                Map<String, String> tags = new LinkedHashMap<>();
                i.tags().forEach(t -> tags.put(t.key(), t.value()));
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", i.instanceId());
                a.put("ami", i.imageId());
                a.put("instance_type", i.instanceTypeAsString());
                a.put("availability_zone", i.placement() == null ? null : i.placement().availabilityZone());
                a.put("subnet_id", i.subnetId());
                a.put("vpc_security_group_ids", i.securityGroups().stream().map(GroupIdentifier::groupId).sorted().toList());
                a.put("key_name", i.keyName());
                a.put("private_ip", i.privateIpAddress());
                a.put("public_ip", i.publicIpAddress() == null ? "" : i.publicIpAddress());
                a.put("monitoring", i.monitoring() != null && "enabled".equals(i.monitoring().stateAsString()));
                a.put("ebs_optimized", Boolean.TRUE.equals(i.ebsOptimized()));
                a.put("iam_instance_profile", i.iamInstanceProfile() == null || i.iamInstanceProfile().arn() == null ? ""
                        : i.iamInstanceProfile().arn().substring(i.iamInstanceProfile().arn().lastIndexOf('/') + 1));
                a.put("instance_state", state);
                a.put("tags", tags);
                List<Map<String, Object>> root = new ArrayList<>();
                List<Map<String, Object>> ebs = new ArrayList<>();
                for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
                    if (m.ebs() == null) {
                        continue;
                    }
                    Volume v = volumes.get(m.ebs().volumeId());
                    Map<String, Object> device = new LinkedHashMap<>();
                    device.put("delete_on_termination", Boolean.TRUE.equals(m.ebs().deleteOnTermination()));
                    if (v != null) {
                        device.put("encrypted", Boolean.TRUE.equals(v.encrypted()));
                        device.put("volume_size", v.size());
                        device.put("volume_type", v.volumeTypeAsString());
                    }
                    if (m.deviceName() != null && m.deviceName().equals(i.rootDeviceName())) {
                        root.add(device);
                    } else {
                        device.put("device_name", m.deviceName());
                        ebs.add(device);
                    }
                }
                if (!root.isEmpty()) {
                    a.put("root_block_device", root);
                }
                found.put(i.instanceId(), new LiveResource("aws_instance", i.instanceId(), c.region, state, a, tags));
            }
        }
        return found;
    }

    // ---- RDS

    private Map<String, LiveResource> databases(Ctx c, String identifier) {
        Map<String, LiveResource> found = new LinkedHashMap<>();
        try (RdsClient rds = client(RdsClient.builder(), c)) {
            List<DBInstance> all = new ArrayList<>();
            try {
                rds.describeDBInstancesPaginator(b -> {
                    if (identifier != null) {
                        b.dbInstanceIdentifier(identifier);
                    }
                }).dbInstances().forEach(all::add);
            } catch (DbInstanceNotFoundException e) {
                return found;
            }
            for (DBInstance d : all) {
                if ("deleting".equals(d.dbInstanceStatus())) {
                    continue;
                }
                Map<String, String> tags = new LinkedHashMap<>();
                d.tagList().forEach(t -> tags.put(t.key(), t.value()));
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("identifier", d.dbInstanceIdentifier());
                a.put("resource_id", d.dbiResourceId());
                a.put("arn", d.dbInstanceArn());
                a.put("engine", d.engine());
                a.put("engine_version", d.engineVersion());
                a.put("instance_class", d.dbInstanceClass());
                a.put("allocated_storage", d.allocatedStorage());
                a.put("storage_type", d.storageType());
                a.put("storage_encrypted", Boolean.TRUE.equals(d.storageEncrypted()));
                a.put("kms_key_id", d.kmsKeyId() == null ? "" : d.kmsKeyId());
                a.put("multi_az", Boolean.TRUE.equals(d.multiAZ()));
                a.put("publicly_accessible", Boolean.TRUE.equals(d.publiclyAccessible()));
                a.put("backup_retention_period", d.backupRetentionPeriod());
                a.put("deletion_protection", Boolean.TRUE.equals(d.deletionProtection()));
                a.put("db_subnet_group_name", d.dbSubnetGroup() == null ? null : d.dbSubnetGroup().dbSubnetGroupName());
                a.put("vpc_security_group_ids", d.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).sorted().toList());
                a.put("port", d.endpoint() == null ? d.dbInstancePort() : d.endpoint().port());
                a.put("username", d.masterUsername());
                a.put("monitoring_interval", d.monitoringInterval() == null ? 0 : d.monitoringInterval());
                a.put("performance_insights_enabled", Boolean.TRUE.equals(d.performanceInsightsEnabled()));
                a.put("availability_zone", d.availabilityZone());
                a.put("status", d.dbInstanceStatus());
                a.put("tags", tags);
                found.put(d.dbInstanceIdentifier(), new LiveResource("aws_db_instance", d.dbInstanceIdentifier(), c.region,
                        d.dbInstanceStatus(), a, tags));
            }
        }
        return found;
    }

    // ---- S3

    private Map<String, LiveResource> buckets(Ctx c, String only) {
        Map<String, LiveResource> found = new LinkedHashMap<>();
        try (S3Client s3 = s3(c)) {
            List<String> names = new ArrayList<>();
            if (only != null) {
                try {
                    s3.headBucket(b -> b.bucket(only));
                } catch (S3Exception e) {
                    if (e.statusCode() == 404) {
                        return found;
                    }
                    throw e;
                }
                names.add(only);
            } else {
                s3.listBuckets().buckets().stream().map(Bucket::name).forEach(names::add);
            }
            for (String name : names) {
                String location = s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString();
                String region = location == null || location.isBlank() || "null".equals(location) ? "us-east-1"
                        : "EU".equals(location) ? "eu-west-1" : location;
                if (only == null && !region.equals(c.region)) {
                    continue;
                }
                Map<String, String> tags = bucketTags(s3, name);
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", name);
                a.put("bucket", name);
                a.put("arn", "arn:aws:s3:::" + name);
                a.put("region", region);
                a.put("tags", tags);
                GetBucketVersioningResponse versioning = s3.getBucketVersioning(b -> b.bucket(name));
                a.put("versioning", List.of(Map.of("enabled", "Enabled".equals(versioning.statusAsString()),
                        "mfa_delete", "Enabled".equals(versioning.mfaDeleteAsString()))));
                optional(() -> s3.getBucketEncryption(b -> b.bucket(name))).map(GetBucketEncryptionResponse::serverSideEncryptionConfiguration)
                        .ifPresent(sse -> {
                            List<Map<String, Object>> rules = new ArrayList<>();
                            for (ServerSideEncryptionRule rule : sse.rules()) {
                                Map<String, Object> byDefault = new LinkedHashMap<>();
                                if (rule.applyServerSideEncryptionByDefault() != null) {
                                    byDefault.put("sse_algorithm", rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString());
                                    byDefault.put("kms_master_key_id", Objects.toString(
                                            rule.applyServerSideEncryptionByDefault().kmsMasterKeyID(), ""));
                                }
                                Map<String, Object> r = new LinkedHashMap<>();
                                r.put("apply_server_side_encryption_by_default", List.of(byDefault));
                                r.put("bucket_key_enabled", Boolean.TRUE.equals(rule.bucketKeyEnabled()));
                                rules.add(r);
                            }
                            a.put("server_side_encryption_configuration", List.of(Map.of("rule", rules)));
                        });
                a.put("policy", optional(() -> s3.getBucketPolicy(b -> b.bucket(name)).policy()).orElse(""));
                GetBucketLoggingResponse logging = s3.getBucketLogging(b -> b.bucket(name));
                a.put("logging", logging.loggingEnabled() == null ? List.of() : List.of(Map.of(
                        "target_bucket", logging.loggingEnabled().targetBucket(),
                        "target_prefix", Objects.toString(logging.loggingEnabled().targetPrefix(), ""))));
                found.put(name, new LiveResource("aws_s3_bucket", name, region, "active", a, tags));
            }
        }
        return found;
    }

    private static Map<String, String> bucketTags(S3Client s3, String bucket) {
        Map<String, String> tags = new LinkedHashMap<>();
        optional(() -> s3.getBucketTagging(b -> b.bucket(bucket)).tagSet())
                .ifPresent(set -> set.forEach(t -> tags.put(t.key(), t.value())));
        return tags;
    }

    /** A bucket sub-resource that is not configured answers an error (NoSuchTagSet, ...): empty. */
    private static <T> Optional<T> optional(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- security groups and VPCs

    private Map<String, LiveResource> securityGroups(Ctx c, List<String> ids) {
        Map<String, LiveResource> found = new LinkedHashMap<>();
        try (Ec2Client ec2 = client(Ec2Client.builder(), c)) {
            List<SecurityGroup> groups = new ArrayList<>();
            try {
                ec2.describeSecurityGroupsPaginator(b -> {
                    if (!ids.isEmpty()) {
                        b.filters(Filter.builder().name("group-id").values(ids).build());
                    }
                }).securityGroups().forEach(groups::add);
            } catch (AwsServiceException e) {
                if (!ids.isEmpty() && e.statusCode() == 400) {
                    return found;
                }
                throw e;
            }
            for (SecurityGroup g : groups) {
                Map<String, String> tags = new LinkedHashMap<>();
                g.tags().forEach(t -> tags.put(t.key(), t.value()));
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", g.groupId());
                a.put("name", g.groupName());
                a.put("description", g.description());
                a.put("vpc_id", g.vpcId());
                a.put("owner_id", g.ownerId());
                a.put("tags", tags);
                found.put(g.groupId(), new LiveResource("aws_security_group", g.groupId(), c.region, "active", a, tags));
            }
        }
        return found;
    }

    private Map<String, LiveResource> vpcs(Ctx c, List<String> ids) {
        Map<String, LiveResource> found = new LinkedHashMap<>();
        try (Ec2Client ec2 = client(Ec2Client.builder(), c)) {
            List<Vpc> all = new ArrayList<>();
            try {
                ec2.describeVpcsPaginator(b -> {
                    if (!ids.isEmpty()) {
                        b.vpcIds(ids);
                    }
                }).vpcs().forEach(all::add);
            } catch (AwsServiceException e) {
                if (!ids.isEmpty() && e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorCode())
                        .startsWith("InvalidVpcID")) {
                    return found;
                }
                throw e;
            }
            for (Vpc v : all) {
                Map<String, String> tags = new LinkedHashMap<>();
                v.tags().forEach(t -> tags.put(t.key(), t.value()));
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", v.vpcId());
                a.put("cidr_block", v.cidrBlock());
                a.put("instance_tenancy", v.instanceTenancyAsString());
                a.put("dhcp_options_id", v.dhcpOptionsId());
                a.put("owner_id", v.ownerId());
                a.put("tags", tags);
                found.put(v.vpcId(), new LiveResource("aws_vpc", v.vpcId(), c.region, v.stateAsString(), a, tags));
            }
        }
        return found;
    }
}
