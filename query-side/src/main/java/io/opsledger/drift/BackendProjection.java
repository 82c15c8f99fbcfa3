package io.opsledger.drift;

import io.opsledger.common.Sequenced;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import io.opsledger.drift.api.DriftQueries.*;
import io.opsledger.drift.api.BackendMessages.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The Terraform backends read model: one document per backend; redelivered events change nothing. */
@ProcessingGroup(BackendProjection.GROUP)
public class BackendProjection {

    public static final String GROUP = "projection.drift.backends";
    public static final String COLLECTION = "drift_backends";
    private final MongoCollection<Document> backends;

    public BackendProjection(MongoDatabase db) {
        this.backends = db.getCollection(COLLECTION);
        backends.createIndex(Indexes.ascending("location"));
    }

    @EventHandler
    void on(BackendRegistered e, @SequenceNumber Long seq) {
        BackendConfig c = e.config();
        Document doc = new Document("name", e.name()).append("type", e.type())
                .append("config", new Document("bucket", c.bucket()).append("region", c.region())
                        .append("keyPrefix", c.keyPrefix()).append("path", c.path()))
                .append("location", c.location(e.type())).append("status", e.status())
                .append("createdAt", Date.from(e.registeredAt())).append("updatedAt", Date.from(e.registeredAt()))
                .append("seq", seq);
        backends.updateOne(Filters.eq("_id", e.backendId()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(BackendChecked e, @SequenceNumber Long seq) {
        backends.updateOne(Sequenced.laterThanApplied(e.backendId(), seq),
                new Document("$set", new Document("status", e.status()).append("lastChecked", Date.from(e.checkedAt()))
                        .append("responseTimeMillis", e.responseTimeMillis()).append("lastCheckMessage", e.message())
                        .append("updatedAt", Date.from(e.checkedAt())).append("seq", seq)));
    }

    @ResetHandler
    void reset() { backends.deleteMany(new Document()); }

    @QueryHandler
    public BackendView handle(FindBackend q) {
        Document doc = q.backendId() == null ? null : backends.find(Filters.eq("_id", q.backendId())).first();
        return doc == null ? null : view(doc);
    }

    @QueryHandler
    public BackendView handle(FindBackendByLocation q) {
        Document doc = backends.find(Filters.eq("location", q.location())).first();
        return doc == null ? null : view(doc);
    }

    @QueryHandler
    public BackendList handle(ListBackends q) {
        List<BackendView> out = new ArrayList<>();
        backends.find().sort(Sorts.ascending("createdAt", "_id")).forEach(d -> out.add(view(d)));
        return new BackendList(out);
    }

    private static BackendView view(Document d) {
        Document c = d.get("config", Document.class);
        BackendConfig config = new BackendConfig(c.getString("bucket"), c.getString("region"), c.getString("keyPrefix"),
                c.getString("path"));
        Number millis = d.get("responseTimeMillis", Number.class);
        return new BackendView(d.getString("_id"), d.getString("name"), d.getString("type"), config, d.getString("status"),
                instant(d, "lastChecked"), millis == null ? null : millis.longValue(), d.getString("lastCheckMessage"),
                instant(d, "createdAt"), instant(d, "updatedAt"));
    }

    static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
