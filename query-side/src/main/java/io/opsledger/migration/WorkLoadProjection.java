package io.opsledger.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.util.List;

/** The migration context's workloads, sources and the copies runs made of them. */
@ProcessingGroup(WorkLoadProjection.GROUP)
public class WorkLoadProjection {

    public static final String GROUP = "projection.migration.work-loads";
    public static final String COLLECTION = "migration_work_loads";
    private final MigrationDocs docs;

    public WorkLoadProjection(MongoDatabase db) {
        this.docs = new MigrationDocs(db.getCollection(COLLECTION));
    }

    @EventHandler
    void on(WorkLoadCreated e, @SequenceNumber long seq) {
        docs.create(e.id(), e.number(), e.ownerId(), seq, new Document("ip", e.ip()).append("credentials", e.credentials())
                .append("storage", e.storage()).append("copiedFrom", e.copiedFrom())
                .append("migrationRunId", e.migrationRunId()));
    }

    @EventHandler
    void on(WorkLoadUpdated e, @SequenceNumber long seq) {
        docs.change(e.id(), seq, Updates.set("ip", e.ip()), Updates.set("credentials", e.credentials()),
                Updates.set("storage", e.storage()));
    }

    @EventHandler
    void on(WorkLoadDeleted e, @SequenceNumber long seq) { docs.delete(e.id(), seq); }

    @ResetHandler
    void reset() { docs.reset(); }

    @QueryHandler
    public List<WorkLoadView> handle(ListWorkLoads q) { return docs.list(q.ownerId(), WorkLoadProjection::view); }

    @QueryHandler
    public WorkLoadView handle(FindWorkLoad q) { return docs.find(q.ownerId(), q.number(), WorkLoadProjection::view); }

    private static WorkLoadView view(Document d) {
        return new WorkLoadView(MigrationDocs.number(d, "number"), d.getString("ownerId"), d.getString("ip"),
                MigrationDocs.number(d, "credentials"), MigrationDocs.numbers(d, "storage"),
                MigrationDocs.nullableNumber(d, "copiedFrom"));
    }
}
