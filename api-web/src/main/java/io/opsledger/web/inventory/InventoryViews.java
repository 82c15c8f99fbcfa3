package io.opsledger.web.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.opsledger.inventory.AssetQueries.AssetSuggestion;
import io.opsledger.inventory.AssetQueries.AssetView;
import io.opsledger.inventory.AssetQueries.RelationshipView;
import io.opsledger.inventory.DiscoveryQueries.DiscoveryJobView;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.inventory.InventoryQueries.CategoryView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The asset inventory contract's response bodies (asset-inventory-api.md), one record per view, keys
 * in the order its clients have always seen them.
 */
final class InventoryViews {
    private InventoryViews() {}

    /** DRF's page: {"count", "next", "previous", "results"}. */
    record PageBody(long count, String next, String previous, List<?> results) {}

    record Account(String id, @JsonProperty("account_id") String accountId,
                   @JsonProperty("account_name") String accountName, @JsonProperty("account_type") String accountType,
                   @JsonProperty("account_type_display") String accountTypeDisplay, String environment,
                   @JsonProperty("environment_display") String environmentDisplay,
                   @JsonProperty("organization_role_name") String organizationRoleName,
                   @JsonProperty("aws_access_key_id") String awsAccessKeyId,
                   @JsonProperty("management_account") String managementAccount,
                   @JsonProperty("management_account_name") String managementAccountName,
                   @JsonProperty("discovery_regions") List<String> discoveryRegions,
                   @JsonProperty("is_active") boolean active,
                   @JsonProperty("last_discovery_at") Instant lastDiscoveryAt,
                   @JsonProperty("estimated_monthly_cost") String estimatedMonthlyCost,
                   @JsonProperty("previous_month_cost") String previousMonthCost,
                   @JsonProperty("cost_updated_at") Instant costUpdatedAt,
                   @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
                   @JsonProperty("asset_count") long assetCount) {

        static Account of(AccountView a) {
            return new Account(a.id(), a.awsAccountId(), a.accountName(), a.accountType(),
                    AccountsController.display(a.accountType()), a.environment(), AccountsController.display(a.environment()),
                    a.organizationRoleName(), a.accessKeyId(), a.managementAccount(), a.managementAccountName(),
                    a.discoveryRegions(), a.active(), a.lastDiscoveryAt(), a.estimatedMonthlyCost(), a.previousMonthCost(),
                    a.costUpdatedAt(), a.createdAt(), a.updatedAt(), a.assetCount());
        }
    }

    record ConnectionTest(boolean success, String message) {}

    record Status(String status) {}

    record Category(String id, String name, String description, String icon, String color,
                    @JsonProperty("asset_count") long assetCount, @JsonProperty("created_at") Instant createdAt,
                    @JsonProperty("updated_at") Instant updatedAt) {

        static Category of(CategoryView c) {
            return new Category(c.id(), c.name(), c.description(), c.icon(), c.color(), c.assetCount(), c.createdAt(),
                    c.updatedAt());
        }
    }

    /** A list item, exactly the contract's example keys. */
    record AssetItem(String id, @JsonProperty("asset_id") String assetId, String name,
                     @JsonProperty("asset_type") String assetType,
                     @JsonProperty("asset_type_display") String assetTypeDisplay,
                     @JsonProperty("aws_service_type") String awsServiceType,
                     @JsonProperty("aws_service_type_display") String awsServiceTypeDisplay,
                     @JsonProperty("aws_account") String awsAccount,
                     @JsonProperty("aws_account_name") String awsAccountName,
                     @JsonProperty("aws_region") String awsRegion, String status,
                     @JsonProperty("status_display") String statusDisplay, String criticality,
                     @JsonProperty("criticality_display") String criticalityDisplay, String owner, String department,
                     @JsonProperty("category_name") String categoryName, @JsonProperty("created_at") Instant createdAt,
                     @JsonProperty("last_seen_at") Instant lastSeenAt) {

        static AssetItem of(AssetView a) {
            var d = a.details();
            return new AssetItem(a.id(), a.assetId(), d.name(), d.assetType(),
                    AssetLabels.label(AssetLabels.ASSET_TYPES, d.assetType()), d.awsServiceType(),
                    AssetLabels.label(AssetLabels.AWS_SERVICE_TYPES, d.awsServiceType()), d.awsAccount(),
                    a.awsAccountName(), d.awsRegion(), d.status(), AssetLabels.label(AssetLabels.STATUSES, d.status()),
                    d.criticality(), AssetLabels.label(AssetLabels.CRITICALITIES, d.criticality()), d.owner(),
                    d.department(), a.categoryName(), a.createdAt(), d.lastSeenAt());
        }
    }

    /** The detail: the list item's fields, every other field, its account and category nested, and its links both ways. */
    record AssetDetail(@JsonUnwrapped AssetItem item, @JsonProperty("aws_resource_id") String awsResourceId,
                       @JsonProperty("aws_resource_arn") String awsResourceArn,
                       @JsonProperty("data_classification") String dataClassification,
                       @JsonProperty("data_classification_display") String dataClassificationDisplay, String category,
                       @JsonProperty("category_detail") Category categoryDetail,
                       @JsonProperty("aws_account_detail") Account awsAccountDetail, Map<String, Object> metadata,
                       @JsonProperty("ip_addresses") List<String> ipAddresses,
                       @JsonProperty("dns_names") List<String> dnsNames, Map<String, Object> tags, String description,
                       String vendor, String url, String version, @JsonProperty("gdpr_relevant") boolean gdprRelevant,
                       @JsonProperty("contains_personal_data") boolean containsPersonalData,
                       @JsonProperty("backup_enabled") boolean backupEnabled,
                       @JsonProperty("monitoring_enabled") boolean monitoringEnabled, String notes,
                       @JsonProperty("is_manually_added") boolean manuallyAdded,
                       @JsonProperty("discovered_at") Instant discoveredAt, @JsonProperty("updated_at") Instant updatedAt,
                       @JsonProperty("outgoing_relationships") List<Link> outgoingRelationships,
                       @JsonProperty("incoming_relationships") List<Link> incomingRelationships) {}

    /** One of an asset's links, seen from the asset. */
    record Link(String id, @JsonProperty("relationship_type") String relationshipType, String description,
                @JsonProperty("related_asset_pk") String relatedAssetPk,
                @JsonProperty("related_asset_id") String relatedAssetId,
                @JsonProperty("related_asset_name") String relatedAssetName) {}

    record Relationship(String id, @JsonProperty("source_asset") String sourceAsset,
                        @JsonProperty("source_asset_name") String sourceAssetName,
                        @JsonProperty("target_asset") String targetAsset,
                        @JsonProperty("target_asset_name") String targetAssetName,
                        @JsonProperty("relationship_type") String relationshipType,
                        @JsonProperty("relationship_type_display") String relationshipTypeDisplay, String description,
                        @JsonProperty("created_at") Instant createdAt) {

        static Relationship of(RelationshipView l, String sourceName, String targetName) {
            return new Relationship(l.id(), l.sourceAsset(), sourceName, l.targetAsset(), targetName, l.relationshipType(),
                    AssetLabels.label(AssetLabels.RELATIONSHIP_TYPES, l.relationshipType()), l.description(), l.createdAt());
        }
    }

    record Option(String value, String label) {}

    record FilterOptions(@JsonProperty("asset_types") List<Option> assetTypes,
                         @JsonProperty("aws_service_types") List<Option> awsServiceTypes,
                         List<Option> criticalities, List<Option> statuses,
                         @JsonProperty("data_classifications") List<Option> dataClassifications,
                         @JsonProperty("aws_accounts") List<Option> awsAccounts,
                         @JsonProperty("aws_regions") List<String> awsRegions) {}

    record Suggestion(String id, @JsonProperty("asset_id") String assetId, String name,
                      @JsonProperty("aws_service_type") String awsServiceType) {

        static Suggestion of(AssetSuggestion s) { return new Suggestion(s.id(), s.assetId(), s.name(), s.awsServiceType()); }
    }

    record BulkUpdated(int updated) {}

    /** {@code detail}: the original's sentence, which its frontend shows after a bulk link. */
    record BulkLinked(String detail, int created, int skipped) {}

    record DiscoveryJob(String id, @JsonProperty("aws_account") String awsAccount,
                        @JsonProperty("aws_account_name") String awsAccountName, String status,
                        @JsonProperty("started_at") Instant startedAt, @JsonProperty("completed_at") Instant completedAt,
                        @JsonProperty("resources_discovered") int resourcesDiscovered,
                        @JsonProperty("resources_updated") int resourcesUpdated,
                        @JsonProperty("resources_new") int resourcesNew,
                        @JsonProperty("resources_decommissioned") int resourcesDecommissioned,
                        @JsonProperty("error_message") String errorMessage,
                        @JsonProperty("triggered_by_username") String triggeredByUsername,
                        @JsonProperty("log_output") String logOutput,
                        @JsonProperty("duration_seconds") Long durationSeconds) {

        static DiscoveryJob of(DiscoveryJobView j) {
            return new DiscoveryJob(j.id(), j.awsAccount(), j.awsAccountName(), j.status(), j.startedAt(), j.completedAt(),
                    j.resourcesDiscovered(), j.resourcesUpdated(), j.resourcesNew(), j.resourcesDecommissioned(),
                    j.errorMessage(), j.triggeredByUsername(), j.logOutput(), j.durationSeconds());
        }
    }

    /** A dashboard's recent job: the contract's keys and the duration its frontend shows. */
    record RecentJob(String id, String status, @JsonProperty("aws_account_name") String awsAccountName,
                     @JsonProperty("resources_discovered") int resourcesDiscovered,
                     @JsonProperty("resources_new") int resourcesNew, @JsonProperty("started_at") Instant startedAt,
                     @JsonProperty("completed_at") Instant completedAt,
                     @JsonProperty("triggered_by_username") String triggeredByUsername,
                     @JsonProperty("duration_seconds") Long durationSeconds) {

        static RecentJob of(DiscoveryJobView j) {
            return new RecentJob(j.id(), j.status(), j.awsAccountName(), j.resourcesDiscovered(), j.resourcesNew(),
                    j.startedAt(), j.completedAt(), j.triggeredByUsername(), j.durationSeconds());
        }
    }

    record DashboardAccount(String id, @JsonProperty("account_name") String accountName,
                            @JsonProperty("account_id") String accountId, String environment,
                            @JsonProperty("is_active") boolean active, @JsonProperty("asset_count") long assetCount,
                            @JsonProperty("estimated_monthly_cost") String estimatedMonthlyCost,
                            @JsonProperty("previous_month_cost") String previousMonthCost,
                            @JsonProperty("last_discovery_at") Instant lastDiscoveryAt) {

        static DashboardAccount of(AccountView a) {
            return new DashboardAccount(a.id(), a.accountName(), a.awsAccountId(), a.environment(), a.active(),
                    a.assetCount(), a.estimatedMonthlyCost(), a.previousMonthCost(), a.lastDiscoveryAt());
        }
    }

    record TypeCount(@JsonProperty("asset_type") String assetType, long count) {}

    record ServiceCount(@JsonProperty("aws_service_type") String awsServiceType, long count) {}

    record CriticalityCount(String criticality, long count) {}

    record StatusCount(String status, long count) {}

    record Dashboard(@JsonProperty("total_assets") long totalAssets, @JsonProperty("total_accounts") int totalAccounts,
                     @JsonProperty("critical_assets") long criticalAssets,
                     @JsonProperty("last_discovery") Instant lastDiscovery,
                     @JsonProperty("total_monthly_cost") String totalMonthlyCost,
                     @JsonProperty("total_previous_month_cost") String totalPreviousMonthCost,
                     @JsonProperty("by_type") List<TypeCount> byType,
                     @JsonProperty("by_service") List<ServiceCount> byService,
                     @JsonProperty("by_criticality") List<CriticalityCount> byCriticality,
                     @JsonProperty("by_status") List<StatusCount> byStatus, List<DashboardAccount> accounts,
                     @JsonProperty("recent_jobs") List<RecentJob> recentJobs) {}
}
