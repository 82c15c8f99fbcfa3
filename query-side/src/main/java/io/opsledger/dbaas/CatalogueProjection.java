package io.opsledger.dbaas;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.opsledger.common.Sequenced;
import io.opsledger.dbaas.api.DbaasQueries.*;
import io.opsledger.dbaas.api.CatalogueMessages.CatalogueEntryToggled;
import io.opsledger.dbaas.api.Platform;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalogue's switches: a document per platform an admin has toggled; the others are enabled. */
@ProcessingGroup(CatalogueProjection.GROUP)
public class CatalogueProjection {

    public static final String GROUP = "projection.dbaas.catalogue";
    public static final String COLLECTION = "dbaas_catalogue";
    private final MongoCollection<Document> entries;

    public CatalogueProjection(MongoDatabase db) {
        this.entries = db.getCollection(COLLECTION);
    }

    @EventHandler
    void on(CatalogueEntryToggled e, @SequenceNumber Long seq) {
        String id = e.platform().name();
        Document state = new Document("enabled", e.enabled()).append("seq", seq);
        // a redelivered older toggle changes nothing; the first one creates the document
        if (entries.updateOne(Sequenced.laterThanApplied(id, seq), new Document("$set", state)).getMatchedCount() == 0) {
            entries.updateOne(Filters.eq("_id", id), new Document("$setOnInsert", state), new UpdateOptions().upsert(true));
        }
    }

    @ResetHandler
    void reset() { entries.deleteMany(new Document()); }

    @QueryHandler
    public List<CatalogueView> handle(ListCatalogue q) {
        Map<String, Boolean> toggled = new HashMap<>();
        entries.find().forEach(d -> toggled.put(d.getString("_id"), d.getBoolean("enabled", true)));
        return Arrays.stream(Platform.values()).map(p -> new CatalogueView(p, toggled.getOrDefault(p.name(), true))).toList();
    }
}
