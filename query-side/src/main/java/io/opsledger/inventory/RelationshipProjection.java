package io.opsledger.inventory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import io.opsledger.inventory.AssetQueries.*;
import io.opsledger.inventory.api.AssetMessages.AssetDeleted;
import io.opsledger.inventory.api.RelationshipMessages.FindRelationshipIdsOfAsset;
import io.opsledger.inventory.api.RelationshipMessages.RelationshipCreated;
import io.opsledger.inventory.api.RelationshipMessages.RelationshipDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The asset relationships read model ("inventory_relationships"): one document per link. */
@ProcessingGroup(RelationshipProjection.GROUP)
public class RelationshipProjection {

    public static final String GROUP = "projection.inventory.relationships";
    private final MongoCollection<Document> links;

    public RelationshipProjection(MongoDatabase db) {
        this.links = db.getCollection("inventory_relationships");
        links.createIndex(Indexes.ascending("source_asset", "target_asset", "relationship_type"));
        links.createIndex(Indexes.ascending("target_asset"));
        links.createIndex(Indexes.ascending("created_at"));
    }

    @EventHandler
    void on(RelationshipCreated e, @Timestamp Instant at) {
        Document doc = new Document("source_asset", e.sourceAsset()).append("target_asset", e.targetAsset())
                .append("relationship_type", e.relationshipType()).append("description", e.description())
                .append("created_at", Date.from(at));
        links.updateOne(Filters.eq("_id", e.id()), new Document("$set", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(RelationshipDeleted e) { links.deleteOne(Filters.eq("_id", e.id())); }

    /** A deleted asset takes its links with it (the original's cascading foreign keys). */
    @EventHandler
    void on(AssetDeleted e) { links.deleteMany(of(e.id())); }

    @ResetHandler
    void reset() { links.deleteMany(new Document()); }

    @QueryHandler
    public RelationshipView handle(FindRelationship q) { return view(links.find(Filters.eq("_id", q.id())).first()); }

    @QueryHandler
    public List<RelationshipView> handle(RelationshipsOfAsset q) {
        List<RelationshipView> out = new ArrayList<>();
        links.find(of(q.assetId())).sort(Sorts.ascending("created_at", "_id")).forEach(d -> out.add(view(d)));
        return out;
    }

    @QueryHandler
    public List<String> handle(FindRelationshipIdsOfAsset q) {
        List<String> out = new ArrayList<>();
        links.find(of(q.assetId())).forEach(d -> out.add(d.getString("_id")));
        return out;
    }

    @QueryHandler
    public RelationshipPage handle(ListRelationships q) {
        List<Bson> all = new ArrayList<>();
        if (q.sourceAsset() != null) all.add(Filters.eq("source_asset", q.sourceAsset()));
        if (q.targetAsset() != null) all.add(Filters.eq("target_asset", q.targetAsset()));
        if (q.relationshipType() != null) all.add(Filters.eq("relationship_type", q.relationshipType()));
        Bson filter = all.isEmpty() ? new Document() : Filters.and(all);
        long count = links.countDocuments(filter);
        List<RelationshipView> out = new ArrayList<>();
        if (q.limit() > 0) {
            links.find(filter).sort(Sorts.ascending("created_at", "_id")).skip(Math.max(0, q.offset())).limit(q.limit())
                    .forEach(d -> out.add(view(d)));
        }
        return new RelationshipPage(count, out);
    }

    private static Bson of(String assetId) {
        return Filters.or(Filters.eq("source_asset", assetId), Filters.eq("target_asset", assetId));
    }

    private static RelationshipView view(Document d) {
        if (d == null) {
            return null;
        }
        Date created = d.getDate("created_at");
        return new RelationshipView(d.getString("_id"), d.getString("source_asset"), d.getString("target_asset"),
                d.getString("relationship_type"), d.getString("description"), created == null ? null : created.toInstant());
    }
}
