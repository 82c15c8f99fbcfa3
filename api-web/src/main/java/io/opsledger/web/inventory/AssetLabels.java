package io.opsledger.web.inventory;

import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.RelationshipMessages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one table of display labels for the asset inventory's enums (Django's get_FOO_display). */
final class AssetLabels {
    private AssetLabels() {}

    static final Map<String, String> ASSET_TYPES = table(AssetDetails.ASSET_TYPES,
            "AWS Service", "Self-Hosted", "SaaS", "On-Premise");
    static final Map<String, String> AWS_SERVICE_TYPES = table(AssetDetails.AWS_SERVICE_TYPES,
            "EC2 Instance", "EKS Cluster", "RDS Database", "ElastiCache Cluster", "Application Load Balancer",
            "Network Load Balancer", "VPC", "Lambda Function", "ECR Repository", "Cognito User Pool",
            "OpenSearch Domain", "S3 Bucket", "IAM Role", "SNS Topic", "SQS Queue", "MSK Cluster",
            "CloudFront Distribution", "Route 53 Hosted Zone", "ACM Certificate", "Secrets Manager Secret", "Other");
    static final Map<String, String> STATUSES = table(AssetDetails.STATUSES, "Active", "Inactive", "Decommissioned", "Unknown");
    static final Map<String, String> CRITICALITIES = table(AssetDetails.CRITICALITIES, "Critical", "High", "Medium", "Low");
    static final Map<String, String> DATA_CLASSIFICATIONS = table(AssetDetails.DATA_CLASSIFICATIONS,
            "Public", "Internal", "Confidential", "Strictly Confidential");
    static final Map<String, String> RELATIONSHIP_TYPES = table(RelationshipMessages.TYPES,
            "Depends On", "Contains", "Connects To", "Managed By");

    /** The label, or the value itself when it has none (Django shows unknown values as they are). */
    static String label(Map<String, String> table, String value) {
        if (value == null) {
            return "";
        }
        return table.getOrDefault(value, value);
    }

    /** [{"value", "label"}, ...] in the enum's order, as filter_options shows them. */
    static List<InventoryViews.Option> options(Map<String, String> table) {
        return table.entrySet().stream().map(e -> new InventoryViews.Option(e.getKey(), e.getValue())).toList();
    }

    private static Map<String, String> table(List<String> values, String... labels) {
        if (values.size() != labels.length) {
            throw new IllegalStateException("a label for every value: " + values);
        }
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            table.put(values.get(i), labels[i]);
        }
        return java.util.Collections.unmodifiableMap(table);
    }
}
