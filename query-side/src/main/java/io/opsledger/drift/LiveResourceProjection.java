package io.opsledger.drift;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.opsledger.drift.DriftDetectionQueries.FindLiveResources;
import io.opsledger.drift.DriftDetectionQueries.LiveResourceView;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.DriftResultsRecorded;
import io.opsledger.drift.api.DriftDetectionMessages.ResourceDriftResult;
import io.opsledger.drift.api.ResourceMessages.ResourceTagsUpdated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live side of the states' resources, as the last detection (or tag update) saw it: one
 * document per resource id. Unmanaged resources are not kept here (they are in no state).
 */
@ProcessingGroup(LiveResourceProjection.GROUP)
public class LiveResourceProjection {

    public static final String GROUP = "projection.drift.live-resources";
    public static final String COLLECTION = "drift_live_resources";
    private final MongoCollection<Document> live;

    public LiveResourceProjection(MongoDatabase db) {
        this.live = db.getCollection(COLLECTION);
    }

    @EventHandler
    void on(DriftResultsRecorded e) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (ResourceDriftResult r : e.results()) {
            if (DriftDetectionMessages.UNMANAGED.equals(r.presence())) {
                continue;
            }
            Date checked = Date.from(r.checkedAt() == null ? e.recordedAt() : r.checkedAt());
            Bson set = Updates.combine(Updates.set("resourceType", r.resourceType()), Updates.set("cloudId", r.cloudId()),
                    Updates.set("region", r.region()), Updates.set("presence", r.presence()),
                    Updates.set("status", r.liveStatus()), Updates.set("attributes", DriftJson.document(r.liveAttributes())),
                    Updates.set("tags", DriftJson.document(r.liveTags())), Updates.set("checkedAt", checked),
                    Updates.setOnInsert("firstSeen", checked));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", r.resourceId()), set, new UpdateOptions().upsert(true)));
        }
        if (!writes.isEmpty()) {
            live.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    @EventHandler
    void on(ResourceTagsUpdated e) {
        Document d = live.find(Filters.eq("_id", e.resourceId())).first();
        Map<String, Object> attributes = new LinkedHashMap<>(d == null ? Map.of() : DriftJson.map(d.get("attributes")));
        attributes.put("tags", e.tags());
        Date at = Date.from(e.updatedAt());
        live.updateOne(Filters.eq("_id", e.resourceId()), Updates.combine(Updates.set("resourceType", e.resourceType()),
                Updates.set("cloudId", e.cloudId()), Updates.set("region", e.region()),
                Updates.set("presence", d == null ? DriftDetectionMessages.PRESENT : d.getString("presence")),
                Updates.set("attributes", DriftJson.document(attributes)), Updates.set("tags", DriftJson.document(e.tags())),
                Updates.set("checkedAt", at), Updates.setOnInsert("firstSeen", at)), new UpdateOptions().upsert(true));
    }

    @ResetHandler
    void reset() { live.deleteMany(new Document()); }

    @QueryHandler
    public List<LiveResourceView> handle(FindLiveResources q) {
        Bson filter = q.resourceIds() == null ? new Document() : Filters.in("_id", q.resourceIds());
        List<LiveResourceView> out = new ArrayList<>();
        live.find(filter).forEach(d -> out.add(new LiveResourceView(d.getString("_id"), d.getString("resourceType"),
                d.getString("cloudId"), d.getString("region"), d.getString("presence"), d.getString("status"),
                DriftJson.map(d.get("attributes")), DriftJson.tags(d.get("tags")),
                DriftJobProjection.instant(d, "firstSeen"), DriftJobProjection.instant(d, "checkedAt"))));
        return out;
    }
}
