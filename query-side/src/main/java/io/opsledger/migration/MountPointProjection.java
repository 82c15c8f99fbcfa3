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

/** The migration context's mount points. */
@ProcessingGroup(MountPointProjection.GROUP)
public class MountPointProjection {

    public static final String GROUP = "projection.migration.mount-points";
    public static final String COLLECTION = "migration_mount_points";
    private final MigrationDocs docs;

    public MountPointProjection(MongoDatabase db) {
        this.docs = new MigrationDocs(db.getCollection(COLLECTION));
    }

    @EventHandler
    void on(MountPointCreated e, @SequenceNumber long seq) {
        docs.create(e.id(), e.number(), e.ownerId(), seq, new Document("name", e.name()).append("totalSize", e.totalSize()));
    }

    @EventHandler
    void on(MountPointUpdated e, @SequenceNumber long seq) {
        docs.change(e.id(), seq, Updates.set("name", e.name()), Updates.set("totalSize", e.totalSize()));
    }

    @EventHandler
    void on(MountPointDeleted e, @SequenceNumber long seq) { docs.delete(e.id(), seq); }

    @ResetHandler
    void reset() { docs.reset(); }

    @QueryHandler
    public List<MountPointView> handle(ListMountPoints q) { return docs.list(q.ownerId(), MountPointProjection::view); }

    @QueryHandler
    public MountPointView handle(FindMountPoint q) { return docs.find(q.ownerId(), q.number(), MountPointProjection::view); }

    private static MountPointView view(Document d) {
        return new MountPointView(MigrationDocs.number(d, "number"), d.getString("ownerId"), d.getString("name"),
                MigrationDocs.number(d, "totalSize"));
    }
}
