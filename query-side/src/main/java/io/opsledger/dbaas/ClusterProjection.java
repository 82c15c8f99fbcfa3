package io.opsledger.dbaas;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Sequenced;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.DbaasQueries.*;
import io.opsledger.dbaas.api.Platform;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The clusters read model: one document per cluster with where its provisioning or teardown
 * stands; every change is also emitted to the subscribers of {@link FindClusterById} (the live
 * progress stream). A torn-down cluster leaves the model.
 */
@ProcessingGroup(ClusterProjection.GROUP)
public class ClusterProjection {

    public static final String GROUP = "projection.dbaas.clusters";
    public static final String COLLECTION = "dbaas_clusters";
    private final MongoCollection<Document> clusters;
    private final QueryUpdateEmitter emitter;

    public ClusterProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        this.clusters = db.getCollection(COLLECTION);
        this.emitter = emitter;
        clusters.createIndex(Indexes.ascending("number"));
        clusters.createIndex(Indexes.ascending("ownerId", "number"));
        clusters.createIndex(Indexes.ascending("projectId", "number"));
        clusters.createIndex(Indexes.ascending("name"));
    }

    @EventHandler
    void on(ClusterRequested e, @SequenceNumber Long seq, @Timestamp Instant at) {
        ClusterSpec s = e.spec();
        Document doc = new Document("number", e.number()).append("ownerId", e.ownerId())
                .append("projectId", e.projectId()).append("projectNumber", e.projectNumber())
                .append("providerId", e.providerId()).append("platform", e.platform().name())
                .append("name", s.name()).append("type", s.type().displayName())
                .append("postgresVersion", s.postgresVersion()).append("backupMethod", s.backupMethod())
                .append("dbUser", s.dbUser())
                .append("dbPassword", s.dbPassword() == null ? null : s.dbPassword().ciphertext())
                .append("status", "pending").append("step", "requested")
                .append("percent", 0).append("resources", 0).append("seq", seq)
                .append("createdAt", Date.from(at)).append("updatedAt", Date.from(at));
        clusters.updateOne(Filters.eq("_id", e.id()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
        emit(e.id());
    }

    @EventHandler
    void on(ClusterResourceRecorded e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("status", "running"), Updates.set("step", e.step()),
                Updates.set("percent", e.percent()), Updates.inc("resources", 1));
    }

    @EventHandler
    void on(ClusterProgressed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("status", "running"), Updates.set("step", e.step()),
                Updates.set("percent", e.percent()));
    }

    @EventHandler
    void on(ClusterReady e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Connection c = e.connection();
        change(e.id(), seq, at, Updates.set("status", "success"), Updates.set("step", "ready"),
                Updates.set("percent", 100), Updates.set("connection", new Document("host", c.host())
                        .append("port", c.port()).append("database", c.database()).append("user", c.user())));
    }

    @EventHandler
    void on(ClusterProvisioningFailed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("status", "failed"), Updates.set("step", "failed"),
                Updates.set("reason", e.reason()));
    }

    @EventHandler
    void on(ClusterTeardownRequested e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("status", "deleting"), Updates.set("step", "removing resources"),
                Updates.set("percent", 0));
    }

    @EventHandler
    void on(ClusterResourceRemoved e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.inc("resources", -1),
                Updates.set("step", "removed " + e.resource().kind() + " " + e.resource().name()));
    }

    @EventHandler
    void on(ClusterTeardownFailed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("status", "delete_failed"), Updates.set("reason", e.reason()));
    }

    @EventHandler
    void on(ClusterTornDown e) {
        Document gone = clusters.findOneAndDelete(Filters.eq("_id", e.id()));
        if (gone != null) {
            gone.put("status", "deleted");
            gone.put("step", "deleted");
            gone.put("percent", 100);
            gone.put("resources", 0);
            emitter.emit(FindClusterById.class, q -> e.id().equals(q.id()), view(gone));
        }
    }

    @ResetHandler
    void reset() { clusters.deleteMany(new Document()); }

    @QueryHandler
    public ClusterView handle(FindCluster q) { return view(clusters.find(Filters.eq("number", q.number())).first()); }

    @QueryHandler
    public ClusterView handle(FindClusterById q) { return view(clusters.find(Filters.eq("_id", q.id())).first()); }

    @QueryHandler
    public List<ClusterView> handle(ListClusters q) {
        List<Bson> filters = new ArrayList<>();
        if (q.ownerId() != null) {
            filters.add(Filters.eq("ownerId", q.ownerId()));
        }
        if (q.projectId() != null) {
            filters.add(Filters.eq("projectId", q.projectId()));
        }
        return views(filters.isEmpty() ? new Document() : Filters.and(filters));
    }

    @QueryHandler
    public List<ClusterView> handle(FindClustersNamed q) {
        Bson named = Filters.eq("name", q.name());
        return views(q.ownerId() == null ? named : Filters.and(named, Filters.eq("ownerId", q.ownerId())));
    }

    private List<ClusterView> views(Bson filter) {
        List<ClusterView> out = new ArrayList<>();
        clusters.find(filter).sort(Sorts.ascending("number")).forEach(d -> out.add(view(d)));
        return out;
    }

    /** Applies an event later in the cluster's stream than the last one applied (redeliveries change nothing). */
    private void change(String id, long seq, Instant at, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.set("seq", seq));
        all.add(Updates.set("updatedAt", Date.from(at)));
        clusters.updateOne(Sequenced.laterThanApplied(id, seq), Updates.combine(all));
        emit(id);
    }

    private void emit(String id) {
        ClusterView view = view(clusters.find(Filters.eq("_id", id)).first());
        if (view != null) {
            emitter.emit(FindClusterById.class, q -> id.equals(q.id()), view);
        }
    }

    private static ClusterView view(Document d) {
        if (d == null) {
            return null;
        }
        Document c = d.get("connection", Document.class);
        Connection connection = c == null ? null
                : new Connection(c.getString("host"), ((Number) c.get("port")).intValue(), c.getString("database"), c.getString("user"));
        return new ClusterView(d.getString("_id"), ((Number) d.get("number")).longValue(), d.getString("ownerId"),
                d.getString("projectId"), ((Number) d.get("projectNumber")).longValue(), d.getString("providerId"),
                Platform.valueOf(d.getString("platform")), d.getString("name"), d.getString("type"),
                d.getString("postgresVersion"), d.getString("backupMethod"), d.getString("dbUser"),
                d.getString("status"), d.getString("step"), ((Number) d.get("percent")).intValue(), d.getString("reason"),
                connection, ((Number) d.get("resources")).intValue(), ProviderProjection.instant(d, "createdAt"),
                ProviderProjection.instant(d, "updatedAt"),
                d.getString("dbPassword") == null ? null : new EncryptedSecret(d.getString("dbPassword")));
    }
}
