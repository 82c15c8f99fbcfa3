package io.opsledger.web.inventory;

import io.opsledger.inventory.AssetQueries.*;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.inventory.InventoryQueries.CategoryView;
import io.opsledger.inventory.InventoryQueries.FindAccount;
import io.opsledger.inventory.InventoryQueries.FindCategory;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.RequestContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the asset and relationship endpoints share: lookups and their JSON shapes. */
@Component
class InventoryAssets {

    private final Queries queries;

    InventoryAssets(Queries queries) {
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

    static String newId() { return UUID.randomUUID().toString(); }

    /** The detail: its account and category nested, and its links both ways. */
    InventoryViews.AssetDetail detail(AssetView a) {
        var d = a.details();
        // the original serializer nests both, and its frontend reads their names from here
        CategoryView category = d.category() == null ? null : queries.one(new FindCategory(d.category()), CategoryView.class);
        AccountView account = d.awsAccount() == null ? null : queries.one(new FindAccount(d.awsAccount()), AccountView.class);
        List<RelationshipView> links = relationshipsOf(a.id());
        List<String> others = new ArrayList<>();
        links.forEach(l -> others.add(l.sourceAsset().equals(a.id()) ? l.targetAsset() : l.sourceAsset()));
        Map<String, AssetView> related = byId(others);
        List<InventoryViews.Link> outgoing = new ArrayList<>();
        List<InventoryViews.Link> incoming = new ArrayList<>();
        for (RelationshipView l : links) {
            boolean out = l.sourceAsset().equals(a.id());
            String other = out ? l.targetAsset() : l.sourceAsset();
            AssetView o = related.get(other);
            (out ? outgoing : incoming).add(new InventoryViews.Link(l.id(), l.relationshipType(), l.description(), other,
                    o == null ? "" : o.assetId(), o == null ? "" : o.details().name()));
        }
        return new InventoryViews.AssetDetail(InventoryViews.AssetItem.of(a), d.awsResourceId(), d.awsResourceArn(),
                d.dataClassification(), AssetLabels.label(AssetLabels.DATA_CLASSIFICATIONS, d.dataClassification()),
                d.category(), category == null ? null : InventoryViews.Category.of(category),
                account == null ? null : InventoryViews.Account.of(account), d.metadata(), d.ipAddresses(), d.dnsNames(),
                d.tags(), d.description(), d.vendor(), d.url(), d.version(), d.gdprRelevant(), d.containsPersonalData(),
                d.backupEnabled(), d.monitoringEnabled(), d.notes(), d.isManuallyAdded(), d.discoveredAt(), a.updatedAt(),
                outgoing, incoming);
    }

    List<InventoryViews.Relationship> relationshipJson(List<RelationshipView> links) {
        List<String> ends = new ArrayList<>();
        links.forEach(l -> {
            ends.add(l.sourceAsset());
            ends.add(l.targetAsset());
        });
        Map<String, AssetView> assets = byId(ends);
        return links.stream().map(l -> InventoryViews.Relationship.of(l, name(assets.get(l.sourceAsset())),
                name(assets.get(l.targetAsset())))).toList();
    }

    private static String name(AssetView a) { return a == null ? "" : a.details().name(); }

    static String doesNotExist(String pk) { return "Invalid pk \"" + pk + "\" - object does not exist."; }

}
