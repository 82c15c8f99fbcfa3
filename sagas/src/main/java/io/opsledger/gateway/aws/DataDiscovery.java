package io.opsledger.gateway.aws;

import static io.opsledger.gateway.aws.DiscoveryFields.addIfPresent;
import static io.opsledger.gateway.aws.DiscoveryFields.detail;
import static io.opsledger.gateway.aws.DiscoveryFields.nameOr;
import static io.opsledger.gateway.aws.DiscoveryFields.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;

/**
 * Discovers where data lives: RDS instances, S3 buckets and ElastiCache clusters.
 */
final class DataDiscovery {

    static final Map<String, ServiceDiscoverer> BY_TYPE = Map.of(
            "RDS", DataDiscovery::rdsInstances,
            "S3", DataDiscovery::s3Buckets,
            "ELASTICACHE", DataDiscovery::elastiCacheClusters);

    private DataDiscovery() {
    }

    private static List<DiscoveredResource> rdsInstances(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (RdsClient rds = c.client(RdsClient.builder())) {
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
                        db.dbInstanceIdentifier(), c.region(), tags, List.of(), dns, meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> s3Buckets(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (S3Client s3 = c.s3AnyRegion()) {
            for (Bucket bucket : s3.listBucketsPaginator(ListBucketsRequest.builder().build()).buckets()) {
                String name = bucket.name();
                String region = bucket.bucketRegion();
                if (region == null || region.isBlank()) {
                    region = detail(() -> s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString())
                            .orElse(null);
                }
                if (region == null || region.isBlank() || "null".equals(region)) {
                    region = "us-east-1";
                } else if ("EU".equals(region)) {
                    region = "eu-west-1";
                }
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> s3.getBucketTagging(b -> b.bucket(name)).tagSet())
                        .ifPresent(set -> set.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "creation_date", bucket.creationDate());
                String partition = DiscoveryScope.partition(region);
                found.add(new DiscoveredResource("S3", nameOr(tags, name), "arn:" + partition + ":s3:::" + name,
                        name, region, tags, List.of(), List.of(name + ".s3." + region + ".amazonaws.com"), meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> elastiCacheClusters(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (ElastiCacheClient cache = c.client(ElastiCacheClient.builder())) {
            for (CacheCluster cluster : cache.describeCacheClustersPaginator(b -> b.showCacheNodeInfo(true))
                    .cacheClusters()) {
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> cache.listTagsForResource(b -> b.resourceName(cluster.arn())).tagList())
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
                        : c.arn("elasticache", "", "cluster:" + cluster.cacheClusterId());
                found.add(new DiscoveredResource("ELASTICACHE", nameOr(tags, cluster.cacheClusterId()), arn,
                        cluster.cacheClusterId(), c.region(), tags, List.of(), List.copyOf(dns), meta));
            }
        }
        return found;
    }
}
