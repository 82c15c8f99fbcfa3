package io.opsledger.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
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
import java.util.Date;
import java.util.List;

/**
 * The migrations read model: each migration with its state and its latest run's steps ("started",
 * "copied", "target_vm_placed", then "succeeded" or "failed"), each with a line for people. Every
 * change is pushed to the subscribers of {@link WatchMigrationRun} for that migration.
 */
@ProcessingGroup(MigrationProjection.GROUP)
public class MigrationProjection {

    public static final String GROUP = "projection.migration.migrations";
    public static final String COLLECTION = "migration_migrations";
    private final MigrationDocs docs;
    private final QueryUpdateEmitter emitter;

    public MigrationProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        this.docs = new MigrationDocs(db.getCollection(COLLECTION));
        this.emitter = emitter;
        docs.collection().createIndex(Indexes.ascending("runId"));
    }

    @EventHandler
    void on(MigrationCreated e, @SequenceNumber long seq) {
        docs.create(e.id(), e.number(), e.ownerId(), seq, new Document("selectedMountPoints", e.selectedMountPoints())
                .append("source", e.source()).append("target", e.target()).append("state", e.state().name())
                .append("runId", null).append("steps", List.of()));
        emit(e.id());
    }

    @EventHandler
    void on(MigrationUpdated e, @SequenceNumber long seq) {
        change(e.id(), seq, Updates.set("selectedMountPoints", e.selectedMountPoints()), Updates.set("source", e.source()),
                Updates.set("target", e.target()));
    }

    @EventHandler
    void on(MigrationDeleted e, @SequenceNumber long seq) { docs.delete(e.id(), seq); }

    @EventHandler
    void on(MigrationRunStarted e, @SequenceNumber long seq, @Timestamp Instant at) {
        Document step = step(e.runId(), "started", MigrationState.running, "run of migration " + e.number() + ": workload "
                + e.source() + " with mount points " + e.selectedMountPoints() + " to target " + e.target(), at);
        change(e.id(), seq, Updates.set("state", MigrationState.running.name()), Updates.set("runId", e.runId()),
                Updates.set("steps", List.of(step)));
    }

    @EventHandler
    void on(MigrationCopyMade e, @SequenceNumber long seq, @Timestamp Instant at) {
        Document current = docs.byId(e.id());
        Object source = current == null ? "?" : current.get("source");
        change(e.id(), seq, Updates.push("steps", step(e.runId(), "copied", MigrationState.running, "copied workload "
                + source + " as " + e.copy() + " with mount points " + e.copiedMountPoints(), at)));
    }

    /** A step of the target's stream: found by its run, and applied once (the step names it). */
    @EventHandler
    void on(TargetVmPlaced e, @Timestamp Instant at) {
        if (e.migrationRunId() == null) {
            return;
        }
        Bson once = Filters.and(Filters.eq("runId", e.migrationRunId()), Filters.ne("steps.step", "target_vm_placed"));
        Document migration = docs.collection().find(Filters.eq("runId", e.migrationRunId())).first();
        if (migration != null && docs.collection().updateOne(once, Updates.push("steps", step(e.migrationRunId(),
                "target_vm_placed", MigrationState.running, "workload " + e.workLoad() + " placed as the VM of target "
                        + e.number(), at))).getModifiedCount() > 0) {
            emit(migration.getString("_id"));
        }
    }

    @EventHandler
    void on(MigrationRunSucceeded e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.id(), seq, Updates.set("state", MigrationState.success.name()), Updates.push("steps", step(e.runId(),
                "succeeded", MigrationState.success, "migration " + e.number() + " succeeded: workload " + e.copy()
                        + " is the target's VM", at)));
    }

    @EventHandler
    void on(MigrationRunFailed e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.id(), seq, Updates.set("state", MigrationState.error.name()), Updates.push("steps", step(e.runId(),
                "failed", MigrationState.error, e.reason(), at)));
    }

    @ResetHandler
    void reset() { docs.reset(); }

    @QueryHandler
    public List<MigrationView> handle(ListMigrations q) { return docs.list(q.ownerId(), MigrationProjection::view); }

    @QueryHandler
    public MigrationView handle(FindMigration q) { return docs.find(q.ownerId(), q.number(), MigrationProjection::view); }

    /** The initial answer of the subscription; its updates are {@link MigrationView}s too. */
    @QueryHandler
    public MigrationView handle(WatchMigrationRun q) { return docs.find(q.ownerId(), q.number(), MigrationProjection::view); }

    private void change(String id, long seq, Bson... updates) {
        if (docs.change(id, seq, updates)) {
            emit(id);
        }
    }

    private void emit(String id) {
        Document doc = docs.byId(id);
        if (doc != null) {
            MigrationView view = view(doc);
            emitter.emit(WatchMigrationRun.class, q -> view.ownerId().equals(q.ownerId()) && view.number() == q.number(), view);
        }
    }

    private static Document step(String runId, String step, MigrationState state, String detail, Instant at) {
        return new Document("runId", runId).append("step", step).append("state", state.name()).append("detail", detail)
                .append("at", Date.from(at));
    }

    private static MigrationView view(Document d) {
        List<RunStep> steps = d.getList("steps", Document.class, List.of()).stream()
                .map(s -> new RunStep(s.getString("runId"), s.getString("step"), MigrationState.valueOf(s.getString("state")),
                        s.getString("detail"), s.getDate("at") == null ? null : s.getDate("at").toInstant()))
                .toList();
        return new MigrationView(MigrationDocs.number(d, "number"), d.getString("ownerId"),
                MigrationDocs.numbers(d, "selectedMountPoints"), MigrationDocs.number(d, "source"),
                MigrationDocs.number(d, "target"), MigrationState.valueOf(d.getString("state")), d.getString("runId"), steps);
    }
}
