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

/** The migration context's targets, with the VM the last run placed there. */
@ProcessingGroup(MigrationTargetProjection.GROUP)
public class MigrationTargetProjection {

    public static final String GROUP = "projection.migration.targets";
    public static final String COLLECTION = "migration_targets";
    private final MigrationDocs docs;

    public MigrationTargetProjection(MongoDatabase db) {
        this.docs = new MigrationDocs(db.getCollection(COLLECTION));
    }

    @EventHandler
    void on(MigrationTargetCreated e, @SequenceNumber long seq) {
        docs.create(e.id(), e.number(), e.ownerId(), seq, new Document("cloudType", e.cloudType().name())
                .append("cloudCredentials", e.cloudCredentials()).append("targetVm", e.targetVm()));
    }

    @EventHandler
    void on(MigrationTargetUpdated e, @SequenceNumber long seq) {
        docs.change(e.id(), seq, Updates.set("cloudType", e.cloudType().name()),
                Updates.set("cloudCredentials", e.cloudCredentials()), Updates.set("targetVm", e.targetVm()));
    }

    @EventHandler
    void on(TargetVmPlaced e, @SequenceNumber long seq) {
        docs.change(e.id(), seq, Updates.set("targetVm", e.workLoad()));
    }

    @EventHandler
    void on(MigrationTargetDeleted e, @SequenceNumber long seq) { docs.delete(e.id(), seq); }

    @ResetHandler
    void reset() { docs.reset(); }

    @QueryHandler
    public List<MigrationTargetView> handle(ListMigrationTargets q) { return docs.list(q.ownerId(), MigrationTargetProjection::view); }

    @QueryHandler
    public MigrationTargetView handle(FindMigrationTarget q) {
        return docs.find(q.ownerId(), q.number(), MigrationTargetProjection::view);
    }

    private static MigrationTargetView view(Document d) {
        return new MigrationTargetView(MigrationDocs.number(d, "number"), d.getString("ownerId"),
                CloudType.valueOf(d.getString("cloudType")), MigrationDocs.number(d, "cloudCredentials"),
                MigrationDocs.nullableNumber(d, "targetVm"));
    }
}
