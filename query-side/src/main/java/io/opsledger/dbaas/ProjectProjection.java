package io.opsledger.dbaas;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import io.opsledger.common.Sequenced;
import io.opsledger.dbaas.api.DbaasQueries.*;
import io.opsledger.dbaas.api.ProjectMessages.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The projects read model: one document per project. */
@ProcessingGroup(ProjectProjection.GROUP)
public class ProjectProjection {

    public static final String GROUP = "projection.dbaas.projects";
    public static final String COLLECTION = "dbaas_projects";
    private final MongoCollection<Document> projects;

    public ProjectProjection(MongoDatabase db) {
        this.projects = db.getCollection(COLLECTION);
        projects.createIndex(Indexes.ascending("number"));
        projects.createIndex(Indexes.ascending("ownerId", "number"));
    }

    @EventHandler
    void on(ProjectCreated e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Document doc = new Document("number", e.number()).append("ownerId", e.ownerId()).append("name", e.name())
                .append("seq", seq).append("createdAt", Date.from(at)).append("updatedAt", Date.from(at));
        projects.updateOne(Filters.eq("_id", e.id()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ProjectRenamed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        projects.updateOne(Sequenced.laterThanApplied(e.id(), seq),
                new Document("$set", new Document("name", e.name()).append("seq", seq).append("updatedAt", Date.from(at))));
    }

    @ResetHandler
    void reset() { projects.deleteMany(new Document()); }

    @QueryHandler
    public ProjectView handle(FindProject q) {
        return view(projects.find(Filters.eq("number", q.number())).first());
    }

    @QueryHandler
    public List<ProjectView> handle(ListProjects q) {
        Bson filter = q.ownerId() == null ? new Document() : Filters.eq("ownerId", q.ownerId());
        List<ProjectView> out = new ArrayList<>();
        projects.find(filter).sort(Sorts.ascending("number")).forEach(d -> out.add(view(d)));
        return out;
    }

    private static ProjectView view(Document d) {
        return d == null ? null : new ProjectView(d.getString("_id"), ((Number) d.get("number")).longValue(),
                d.getString("ownerId"), d.getString("name"), ProviderProjection.instant(d, "createdAt"),
                ProviderProjection.instant(d, "updatedAt"));
    }
}
