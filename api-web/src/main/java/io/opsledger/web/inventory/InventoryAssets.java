package io.opsledger.web.inventory;

import io.opsledger.inventory.AssetQueries.*;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.inventory.InventoryQueries.CategoryView;
import io.opsledger.inventory.InventoryQueries.FindAccount;
import io.opsledger.inventory.InventoryQueries.FindCategory;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.InventoryClaims;
import io.opsledger.inventory.api.RelationshipMessages.CreateRelationship;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.RequestContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the asset and relationship endpoints share: lookups, JSON shapes and the unique links. */
@Component
class InventoryAssets {

    private final Commands commands;
    private final Queries queries;

    InventoryAssets(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    AssetView find(String id) { return queries.one(new FindAsset(id), AssetView.class); }

    AssetView require(String id) {
        AssetView asset = find(id);
        if (asset == null) {
            throw ApiException.notFound("Not found.");
        }
        return asset;
    }

    Map<String, AssetView> byId(Collection<String> ids) {
        Map<String, AssetView> out = new HashMap<>();
        if (!ids.isEmpty()) {
            queries.list(new FindAssets(List.copyOf(ids)), AssetView.class).forEach(a -> out.put(a.id(), a));
        }
        return out;
    }

    boolean refExists(String kind, String id) { return queries.one(new FindAssetRef(kind, id), AssetRef.class) != null; }

    List<RelationshipView> relationshipsOf(String assetId) {
        return queries.list(new RelationshipsOfAsset(assetId), RelationshipView.class);
    }

    RelationshipView relationship(String id) { return queries.one(new FindRelationship(id), RelationshipView.class); }

    /** Creates the link; false when that link exists already (its (source, target, type) is claimed). */
    boolean link(RequestContext ctx, String source, String target, String type, String description, String id) {
        try {
            commands.send(new CreateRelationship(id, source, target, type, description), ctx);
            return true;
        } catch (RuleViolation refused) {
            if (InventoryClaims.isDuplicateRelationship(refused)) {
                return false;
            }
            throw refused;
        }
    }

    static String newId() { return UUID.randomUUID().toString(); }

    // ---- JSON

    /** A list item, exactly the contract's example keys. */
    static Map<String, Object> listItem(AssetView a) {
        var d = a.details();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("asset_id", a.assetId());
        body.put("name", d.name());
        body.put("asset_type", d.assetType());
        body.put("asset_type_display", AssetLabels.label(AssetLabels.ASSET_TYPES, d.assetType()));
        body.put("aws_service_type", d.awsServiceType());
        body.put("aws_service_type_display", AssetLabels.label(AssetLabels.AWS_SERVICE_TYPES, d.awsServiceType()));
        body.put("aws_account", d.awsAccount());
        body.put("aws_account_name", a.awsAccountName());
        body.put("aws_region", d.awsRegion());
        body.put("status", d.status());
        body.put("status_display", AssetLabels.label(AssetLabels.STATUSES, d.status()));
        body.put("criticality", d.criticality());
        body.put("criticality_display", AssetLabels.label(AssetLabels.CRITICALITIES, d.criticality()));
        body.put("owner", d.owner());
        body.put("department", d.department());
        body.put("category_name", a.categoryName());
        body.put("created_at", a.createdAt());
        body.put("last_seen_at", d.lastSeenAt());
        return body;
    }

    /** The detail: the list item's fields, every other field, its account and category nested, and its links both ways. */
    Map<String, Object> detail(AssetView a) {
        var d = a.details();
        Map<String, Object> body = listItem(a);
        body.put("aws_resource_id", d.awsResourceId());
        body.put("aws_resource_arn", d.awsResourceArn());
        body.put("data_classification", d.dataClassification());
        body.put("data_classification_display", AssetLabels.label(AssetLabels.DATA_CLASSIFICATIONS, d.dataClassification()));
        body.put("category", d.category());
        // the original serializer nests both, and its frontend reads their names from here
        CategoryView category = d.category() == null ? null : queries.one(new FindCategory(d.category()), CategoryView.class);
        body.put("category_detail", category == null ? null : CategoriesController.json(category));
        AccountView account = d.awsAccount() == null ? null : queries.one(new FindAccount(d.awsAccount()), AccountView.class);
        body.put("aws_account_detail", account == null ? null : AccountsController.json(account));
        body.put("metadata", d.metadata());
        body.put("ip_addresses", d.ipAddresses());
        body.put("dns_names", d.dnsNames());
        body.put("tags", d.tags());
        body.put("description", d.description());
        body.put("vendor", d.vendor());
        body.put("url", d.url());
        body.put("version", d.version());
        body.put("gdpr_relevant", d.gdprRelevant());
        body.put("contains_personal_data", d.containsPersonalData());
        body.put("backup_enabled", d.backupEnabled());
        body.put("monitoring_enabled", d.monitoringEnabled());
        body.put("notes", d.notes());
        body.put("is_manually_added", d.isManuallyAdded());
        body.put("discovered_at", d.discoveredAt());
        body.put("updated_at", a.updatedAt());
        List<RelationshipView> links = relationshipsOf(a.id());
        List<String> others = new ArrayList<>();
        links.forEach(l -> others.add(l.sourceAsset().equals(a.id()) ? l.targetAsset() : l.sourceAsset()));
        Map<String, AssetView> related = byId(others);
        List<Map<String, Object>> outgoing = new ArrayList<>();
        List<Map<String, Object>> incoming = new ArrayList<>();
        for (RelationshipView l : links) {
            boolean out = l.sourceAsset().equals(a.id());
            String other = out ? l.targetAsset() : l.sourceAsset();
            AssetView o = related.get(other);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", l.id());
            item.put("relationship_type", l.relationshipType());
            item.put("description", l.description());
            item.put("related_asset_pk", other);
            item.put("related_asset_id", o == null ? "" : o.assetId());
            item.put("related_asset_name", o == null ? "" : o.details().name());
            (out ? outgoing : incoming).add(item);
        }
        body.put("outgoing_relationships", outgoing);
        body.put("incoming_relationships", incoming);
        return body;
    }

    List<Map<String, Object>> relationshipJson(List<RelationshipView> links) {
        List<String> ends = new ArrayList<>();
        links.forEach(l -> {
            ends.add(l.sourceAsset());
            ends.add(l.targetAsset());
        });
        Map<String, AssetView> assets = byId(ends);
        return links.stream().map(l -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", l.id());
            item.put("source_asset", l.sourceAsset());
            item.put("source_asset_name", name(assets.get(l.sourceAsset())));
            item.put("target_asset", l.targetAsset());
            item.put("target_asset_name", name(assets.get(l.targetAsset())));
            item.put("relationship_type", l.relationshipType());
            item.put("relationship_type_display", AssetLabels.label(AssetLabels.RELATIONSHIP_TYPES, l.relationshipType()));
            item.put("description", l.description());
            item.put("created_at", l.createdAt());
            return item;
        }).toList();
    }

    private static String name(AssetView a) { return a == null ? "" : a.details().name(); }

    static String doesNotExist(String pk) { return "Invalid pk \"" + pk + "\" - object does not exist."; }

}
