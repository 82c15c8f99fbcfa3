package io.opsledger.devices;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.opsledger.devices.api.DevicesMessages.PlatformRegistered;
import io.opsledger.devices.api.DevicesQueries.FindPlatformByName;
import io.opsledger.devices.api.DevicesQueries.PlatformView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

/** The platforms read model: one document per platform. */
@ProcessingGroup(PlatformProjection.GROUP)
public class PlatformProjection {

    public static final String GROUP = "projection.devices.platforms";
    public static final String COLLECTION = "devices_platforms";
    private final MongoCollection<Document> platforms;

    public PlatformProjection(MongoDatabase db) {
        this.platforms = db.getCollection(COLLECTION);
        platforms.createIndex(Indexes.ascending("name"));
    }

    @EventHandler
    void on(PlatformRegistered e) {
        platforms.replaceOne(Filters.eq("_id", e.id()), new Document("_id", e.id()).append("number", e.number())
                .append("name", e.name()), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() { platforms.deleteMany(new Document()); }

    @QueryHandler
    public PlatformView handle(FindPlatformByName q) {
        Document d = platforms.find(Filters.eq("name", q.name())).first();
        return d == null ? null : new PlatformView(d.getString("_id"), ((Number) d.get("number")).longValue(), d.getString("name"));
    }
}
