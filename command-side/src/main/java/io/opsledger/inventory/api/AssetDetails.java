package io.opsledger.inventory.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an inventory user (or discovery) says about an asset. {@code awsAccount} and
 * {@code category} are aggregate ids (UUIDs) or null; {@code awsServiceType} may be empty (assets
 * that are not AWS services). Enum fields hold the contract's wire values.
 */
public record AssetDetails(String name, String assetType, String awsServiceType, String awsAccount, String awsRegion,
                           String awsResourceId, String awsResourceArn, String status, String criticality,
                           String owner, String department, String dataClassification, String category,
                           Map<String, Object> metadata, List<String> ipAddresses, List<String> dnsNames,
                           Map<String, Object> tags, String description, String vendor, String url, String version,
                           boolean gdprRelevant, boolean containsPersonalData, boolean backupEnabled,
                           boolean monitoringEnabled, String notes, boolean isManuallyAdded, Instant discoveredAt,
                           Instant lastSeenAt) {

    public static final List<String> ASSET_TYPES = List.of("AWS_SERVICE", "SELF_HOSTED", "SAAS", "ON_PREMISE");
    public static final List<String> STATUSES = List.of("ACTIVE", "INACTIVE", "DECOMMISSIONED", "UNKNOWN");
    public static final List<String> CRITICALITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    public static final List<String> DATA_CLASSIFICATIONS = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "STRICTLY_CONFIDENTIAL");
    public static final List<String> AWS_SERVICE_TYPES = List.of("EC2", "EKS", "RDS", "ELASTICACHE", "ALB", "NLB", "VPC",
            "LAMBDA", "ECR", "COGNITO", "OPENSEARCH", "S3", "IAM", "SNS", "SQS", "MSK", "CLOUDFRONT", "ROUTE53", "ACM",
            "SECRETSMANAGER", "OTHER");

    public static final String DEFAULT_ASSET_TYPE = "AWS_SERVICE";
    public static final String DEFAULT_STATUS = "ACTIVE";
    public static final String DEFAULT_CRITICALITY = "MEDIUM";
    public static final String DEFAULT_DATA_CLASSIFICATION = "INTERNAL";
    public static final String DECOMMISSIONED = "DECOMMISSIONED";

    /** The same asset with another status. */
    public AssetDetails withStatus(String newStatus) {
        return new AssetDetails(name, assetType, awsServiceType, awsAccount, awsRegion, awsResourceId, awsResourceArn,
                newStatus, criticality, owner, department, dataClassification, category, metadata, ipAddresses, dnsNames,
                tags, description, vendor, url, version, gdprRelevant, containsPersonalData, backupEnabled,
                monitoringEnabled, notes, isManuallyAdded, discoveredAt, lastSeenAt);
    }

    /** Fields nobody but a person sets: discovery never overwrites them (NOTES.md). */
    public static final List<String> CURATED_FIELDS = List.of("owner", "criticality", "department",
            "data_classification", "notes");

    /**
     * This asset as a discovery run saw it again: what AWS says ({@code found}'s name, service type,
     * account, region, ids, metadata, addresses, DNS names, tags, last_seen_at) replaces the old
     * facts and the asset is ACTIVE again; everything people curate (owner, criticality, department,
     * data classification, notes, category, description, ...) is kept, and so is the first discovery time.
     */
    public AssetDetails rediscovered(AssetDetails found) {
        return new AssetDetails(found.name(), assetType, found.awsServiceType(), found.awsAccount(), found.awsRegion(),
                found.awsResourceId(), found.awsResourceArn(), DEFAULT_STATUS, criticality, owner, department,
                dataClassification, category, found.metadata(), found.ipAddresses(), found.dnsNames(), found.tags(),
                description, vendor, url, version, gdprRelevant, containsPersonalData, backupEnabled, monitoringEnabled,
                notes, isManuallyAdded, discoveredAt == null ? found.discoveredAt() : discoveredAt, found.lastSeenAt());
    }

    /** A resource discovery found for the first time, with the model's defaults for everything it cannot know. */
    public static AssetDetails discovered(String name, String serviceType, String awsAccount, String region,
                                          String resourceId, String arn, Map<String, Object> metadata,
                                          List<String> ipAddresses, List<String> dnsNames, Map<String, Object> tags,
                                          Instant seenAt) {
        return new AssetDetails(name, DEFAULT_ASSET_TYPE, serviceType, awsAccount, region, resourceId, arn, DEFAULT_STATUS,
                DEFAULT_CRITICALITY, "", "", DEFAULT_DATA_CLASSIFICATION, null, metadata, ipAddresses, dnsNames, tags, "",
                "", "", "", false, false, false, false, "", false, seenAt, seenAt);
    }

    /** A manually added asset with the model's defaults and nothing else but its name. */
    public static AssetDetails named(String name) {
        return new AssetDetails(name, DEFAULT_ASSET_TYPE, "", null, "", "", "", DEFAULT_STATUS, DEFAULT_CRITICALITY, "", "",
                DEFAULT_DATA_CLASSIFICATION, null, Map.of(), List.of(), List.of(), Map.of(), "", "", "", "", false, false,
                false, false, "", true, null, null);
    }
}
