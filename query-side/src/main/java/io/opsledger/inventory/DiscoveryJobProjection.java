package io.opsledger.inventory;

import io.opsledger.common.Sequenced;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.inventory.DiscoveryQueries.*;
import io.opsledger.inventory.api.DiscoveryMessages;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The discovery jobs read model: one document per job, with its log as a list of lines. Each change
 * is pushed to the subscribers of {@link FindDiscoveryJob} for that job.
 */
@ProcessingGroup(DiscoveryJobProjection.GROUP)
public class DiscoveryJobProjection {

    public static final String GROUP = "projection.inventory.discovery";
    public static final String COLLECTION = "inventory_discovery_jobs";
    private final MongoCollection<Document> jobs;
    private final QueryUpdateEmitter emitter;

    public DiscoveryJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        this.jobs = db.getCollection(COLLECTION);
        this.emitter = emitter;
        jobs.createIndex(Indexes.descending("startedAt"));
        jobs.createIndex(Indexes.ascending("status"));
        jobs.createIndex(Indexes.ascending("awsAccount"));
    }

    @EventHandler
    void on(DiscoveryJobCreated e, @SequenceNumber long seq) {
        Document doc = new Document("awsAccount", e.awsAccount()).append("awsAccountName", e.awsAccountName())
                .append("status", DiscoveryMessages.PENDING).append("startedAt", Date.from(e.createdAt()))
                .append("completedAt", null).append("resourcesDiscovered", 0).append("resourcesUpdated", 0)
                .append("resourcesNew", 0).append("resourcesDecommissioned", 0).append("errorMessage", "")
                .append("triggeredBy", e.triggeredBy()).append("log", List.of()).append("durationSeconds", null)
                .append("currentAccount", "").append("currentRegion", "").append("seq", seq);
        jobs.updateOne(Filters.eq("_id", e.jobId()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
        emit(e.jobId());
    }

    @EventHandler
    void on(DiscoveryJobStarted e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.set("status", DiscoveryMessages.RUNNING));
    }

    @EventHandler
    void on(DiscoveryProgressed e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.combine(Updates.set("currentAccount", e.currentAccount()),
                Updates.set("currentRegion", e.currentRegion()), Updates.set("resourcesDiscovered", e.resourcesSoFar()),
                Updates.pushEach("log", e.logLines())));
    }

    @EventHandler
    void on(DiscoveryJobCompleted e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.combine(Updates.set("status", DiscoveryMessages.COMPLETED),
                Updates.set("completedAt", Date.from(e.completedAt())), Updates.set("durationSeconds", e.durationSeconds()),
                Updates.set("resourcesDiscovered", e.resourcesDiscovered()), Updates.set("resourcesNew", e.resourcesNew()),
                Updates.set("resourcesUpdated", e.resourcesUpdated()),
                Updates.set("resourcesDecommissioned", e.resourcesDecommissioned()),
                Updates.set("currentAccount", ""), Updates.set("currentRegion", ""), Updates.pushEach("log", e.logLines())));
    }

    @EventHandler
    void on(DiscoveryJobFailed e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.combine(Updates.set("status", DiscoveryMessages.FAILED),
                Updates.set("completedAt", Date.from(e.completedAt())), Updates.set("durationSeconds", e.durationSeconds()),
                Updates.set("errorMessage", e.errorMessage()), Updates.set("currentAccount", ""),
                Updates.set("currentRegion", ""), Updates.pushEach("log", e.logLines())));
    }

    @ResetHandler
    void reset() { jobs.deleteMany(new Document()); }

    /** Applies an event later in the job's stream than the last one applied (redeliveries change nothing). */
    private void change(String id, long seq, Bson update) {
        jobs.updateOne(Sequenced.laterThanApplied(id, seq), Updates.combine(update, Updates.set("seq", seq)));
        emit(id);
    }

    private void emit(String id) {
        DiscoveryJobView view = view(jobs.find(Filters.eq("_id", id)).first());
        if (view != null) {
            emitter.emit(FindDiscoveryJob.class, q -> id.equals(q.id()), view);
        }
    }

    @QueryHandler
    public DiscoveryJobView handle(FindDiscoveryJob q) { return view(jobs.find(Filters.eq("_id", q.id())).first()); }

    @QueryHandler
    public Boolean handle(IsDiscoveryJobEnded q) {
        DiscoveryJobView job = handle(new FindDiscoveryJob(q.jobId()));
        return job != null && job.ended();
    }

    @QueryHandler
    public DiscoveryJobPage handle(ListDiscoveryJobs q) {
        List<Bson> parts = new ArrayList<>();
        if (q.status() != null) {
            parts.add(Filters.eq("status", q.status()));
        }
        if (q.awsAccount() != null) {
            parts.add(Filters.eq("awsAccount", q.awsAccount()));
        }
        Bson filter = parts.isEmpty() ? new Document() : Filters.and(parts);
        long count = jobs.countDocuments(filter);
        List<DiscoveryJobView> out = new ArrayList<>();
        if (q.limit() > 0) {
            jobs.find(filter).sort(Sorts.orderBy(Sorts.descending("startedAt"), Sorts.descending("_id")))
                    .skip(Math.max(0, q.offset())).limit(q.limit()).forEach(d -> out.add(view(d)));
        }
        return new DiscoveryJobPage(count, out);
    }

    private static DiscoveryJobView view(Document d) {
        if (d == null) {
            return null;
        }
        Number duration = d.get("durationSeconds", Number.class);
        return new DiscoveryJobView(d.getString("_id"), d.getString("awsAccount"), text(d.getString("awsAccountName")),
                d.getString("status"), instant(d, "startedAt"), instant(d, "completedAt"), d.getInteger("resourcesDiscovered", 0),
                d.getInteger("resourcesUpdated", 0), d.getInteger("resourcesNew", 0), d.getInteger("resourcesDecommissioned", 0),
                text(d.getString("errorMessage")), text(d.getString("triggeredBy")),
                String.join("\n", d.getList("log", String.class, List.of())), duration == null ? null : duration.longValue(),
                text(d.getString("currentAccount")), text(d.getString("currentRegion")));
    }

    private static String text(String value) { return value == null ? "" : value; }

    private static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
