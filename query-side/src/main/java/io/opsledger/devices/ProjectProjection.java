package io.opsledger.devices;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.devices.api.DevicesMessages.ProjectRegistered;
import io.opsledger.devices.api.DevicesQueries.FindProjectByName;
import io.opsledger.devices.api.DevicesQueries.ProjectView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

/** The projects read model: one document per project, its private key still encrypted. */
@ProcessingGroup(ProjectProjection.GROUP)
public class ProjectProjection {

    public static final String GROUP = "projection.devices.projects";
    public static final String COLLECTION = "devices_projects";
    private final MongoCollection<Document> projects;

    public ProjectProjection(MongoDatabase db) {
        this.projects = db.getCollection(COLLECTION);
        projects.createIndex(Indexes.ascending("name"));
    }

    @EventHandler
    void on(ProjectRegistered e) {
        projects.replaceOne(Filters.eq("_id", e.id()), new Document("_id", e.id()).append("number", e.number())
                .append("name", e.name()).append("slug", e.slug()).append("pms", e.pms()).append("architecture", e.architecture())
                .append("platformNumber", e.platformNumber()).append("platformName", e.platformName())
                .append("publicKeyPem", e.publicKeyPem()).append("privateKeyPem", e.privateKeyPem().ciphertext()),
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() { projects.deleteMany(new Document()); }

    @QueryHandler
    public ProjectView handle(FindProjectByName q) {
        Document d = projects.find(Filters.eq("name", q.name())).first();
        return d == null ? null : new ProjectView(d.getString("_id"), ((Number) d.get("number")).longValue(),
                d.getString("name"), d.getString("slug"), d.getString("pms"), d.getString("architecture"),
                ((Number) d.get("platformNumber")).longValue(), d.getString("platformName"), d.getString("publicKeyPem"),
                new EncryptedSecret(d.getString("privateKeyPem")));
    }
}
