package io.opsledger.inventory;

import io.opsledger.inventory.api.AssetDetails;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Questions about assets and their relationships, and the views that answer them. Field names are the contract's. */
public final class AssetQueries {
    private AssetQueries() {}

    /** The list filters that take values (and their exclude_* twins). */
    public static final List<String> FILTER_FIELDS = List.of("asset_type", "aws_service_type", "criticality", "status",
            "aws_account", "aws_region", "department", "category");
    /** What {@code ordering} may name (a leading '-' sorts descending); anything else is ignored, as DRF does. */
    public static final List<String> ORDERING_FIELDS = List.of("asset_id", "name", "asset_type", "aws_service_type",
            "aws_account", "aws_account_name", "aws_region", "status", "criticality", "owner", "department",
            "category_name", "data_classification", "created_at", "updated_at", "last_seen_at", "discovered_at");
    /** The original Asset model's Meta.ordering: by name. */
    public static final String DEFAULT_ORDERING = "name";
    public static final int AUTOCOMPLETE_MAX = 15;

    /** include/exclude: filter field name to the accepted/refused values. */
    public record AssetFilter(String search, Map<String, List<String>> include, Map<String, List<String>> exclude) {}
    public record ListAssets(AssetFilter filter, List<String> ordering, int offset, int limit) {}
    public record AssetPage(long count, List<AssetView> results) {}

    public record FindAsset(String id) {}
    public record FindAssets(List<String> ids) {}
    public record AssetView(String id, String assetId, AssetDetails details, String awsAccountName, String categoryName,
                            Instant createdAt, Instant updatedAt) {}

    public record AutocompleteAssets(String q, int limit) {}
    public record AssetSuggestion(String id, String assetId, String name, String awsServiceType) {}

    public record GetAssetFilterOptions() {}
    public record AccountOption(String id, String name, String awsAccountId) {}
    public record AssetFilterOptions(List<String> awsRegions, List<AccountOption> awsAccounts) {}

    /**
     * The dashboard's asset figures. Like the lists, they leave DECOMMISSIONED assets out; the
     * by_* counts are largest first, blank values (an asset without a service type) left out.
     */
    public record GetAssetStatistics() {}
    public record FieldCount(String value, long count) {}
    public record AssetStatistics(long total, long critical, List<FieldCount> byType, List<FieldCount> byService,
                                  List<FieldCount> byCriticality, List<FieldCount> byStatus) {}

    /** An AWS account or asset category as far as assets need it (kind: "account" or "category"). */
    public record FindAssetRef(String kind, String id) {}
    public record AssetRef(String kind, String id, String name) {}

    public static final String ACCOUNT = "account";
    public static final String CATEGORY = "category";

    public record ListRelationships(String sourceAsset, String targetAsset, String relationshipType, int offset, int limit) {}
    public record RelationshipPage(long count, List<RelationshipView> results) {}
    public record FindRelationship(String id) {}
    /** Every relationship the asset is the source or the target of. */
    public record RelationshipsOfAsset(String assetId) {}
    public record RelationshipView(String id, String sourceAsset, String targetAsset, String relationshipType,
                                   String description, Instant createdAt) {}
}
