package io.opsledger.drift;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.opsledger.drift.DriftDetectionQueries.*;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The drift results read model: one document per (job, resource). A resource's newest result is
 * its {@code latest}; a newer result without drift turns the resource's earlier active results
 * into resolved. A result's {@code status} is its job's (running while the job runs, then
 * completed or failed).
 */
@ProcessingGroup(DriftResultProjection.GROUP)
public class DriftResultProjection {

    public static final String GROUP = "projection.drift.results";
    public static final String COLLECTION = "drift_results";
    private final MongoCollection<Document> results;

    public DriftResultProjection(MongoDatabase db) {
        this.results = db.getCollection(COLLECTION);
        results.createIndex(Indexes.ascending("jobId"));
        results.createIndex(Indexes.ascending("resourceId"));
        results.createIndex(Indexes.descending("completedAt"));
    }

    @EventHandler
    void on(DriftResultsRecorded e) {
        if (e.results().isEmpty()) {
            return;
        }
        List<String> resourceIds = new ArrayList<>();
        List<String> settled = new ArrayList<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (ResourceDriftResult r : e.results()) {
            resourceIds.add(r.resourceId());
            if (!DriftDetectionMessages.ACTIVE.equals(r.driftStatus()) && !DriftDetectionMessages.SUPPRESSED.equals(r.driftStatus())) {
                settled.add(r.resourceId());
            }
            Date checked = Date.from(r.checkedAt() == null ? e.recordedAt() : r.checkedAt());
            Document doc = new Document("_id", r.resultId()).append("jobId", e.jobId()).append("resourceId", r.resourceId())
                    .append("stateId", r.stateId()).append("address", r.address()).append("resourceType", r.resourceType())
                    .append("name", r.name()).append("cloudId", r.cloudId()).append("region", r.region())
                    .append("presence", r.presence()).append("status", DriftDetectionMessages.RUNNING)
                    .append("driftStatus", r.driftStatus()).append("latest", true)
                    .append("driftCount", r.drifts() == null ? 0 : r.drifts().size())
                    .append("drifts", DriftJson.write(r.drifts() == null ? List.of() : r.drifts()))
                    .append("ignoredDifferences", r.ignoredDifferences()).append("createdAt", checked)
                    .append("completedAt", Date.from(e.recordedAt()));
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", r.resultId()), doc, new ReplaceOptions().upsert(true)));
        }
        Bson others = Filters.ne("jobId", e.jobId());
        results.updateMany(Filters.and(Filters.in("resourceId", resourceIds), others, Filters.eq("latest", true)),
                Updates.set("latest", false));
        if (!settled.isEmpty()) {
            results.updateMany(Filters.and(Filters.in("resourceId", settled), others,
                    Filters.eq("driftStatus", DriftDetectionMessages.ACTIVE)), Updates.set("driftStatus", DriftDetectionMessages.RESOLVED));
        }
        results.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    @EventHandler
    void on(DriftDetectionCompleted e) {
        results.updateMany(Filters.eq("jobId", e.jobId()), Updates.set("status", DriftDetectionMessages.COMPLETED));
    }

    @EventHandler
    void on(DriftDetectionFailed e) {
        results.updateMany(Filters.eq("jobId", e.jobId()), Updates.set("status", DriftDetectionMessages.FAILED));
    }

    @EventHandler
    void on(DriftResultDeleted e) {
        results.deleteOne(Filters.eq("_id", e.resultId()));
    }

    @ResetHandler
    void reset() { results.deleteMany(new Document()); }

    @QueryHandler
    public DriftResultView handle(FindDriftResult q) { return view(results.find(Filters.eq("_id", q.resultId())).first()); }

    @QueryHandler
    public DriftResultPage handle(ListDriftResults q) {
        List<Bson> parts = new ArrayList<>();
        if (q.status() != null) {
            parts.add(DriftDetectionMessages.DRIFT_STATUSES.contains(q.status()) ? Filters.eq("driftStatus", q.status())
                    : Filters.eq("status", q.status()));
        }
        if (q.resourceId() != null) {
            parts.add(Filters.eq("resourceId", q.resourceId()));
        }
        if (q.jobId() != null) {
            parts.add(Filters.eq("jobId", q.jobId()));
        }
        Bson filter = parts.isEmpty() ? new Document() : Filters.and(parts);
        long total = results.countDocuments(filter);
        List<DriftResultView> out = new ArrayList<>();
        if (q.limit() > 0) {
            results.find(filter).sort(Sorts.orderBy(Sorts.descending("completedAt"), Sorts.ascending("_id")))
                    .skip(Math.max(0, q.offset())).limit(q.limit()).forEach(d -> out.add(view(d)));
        }
        return new DriftResultPage(total, out);
    }

    @QueryHandler
    public DriftResultPage handle(ListLatestDriftResults q) {
        List<DriftResultView> out = new ArrayList<>();
        results.find(Filters.eq("latest", true)).forEach(d -> out.add(view(d)));
        return new DriftResultPage(out.size(), out);
    }

    @QueryHandler
    public DriftResultPage handle(ListDriftResultsSince q) {
        Bson filter = Filters.gte("createdAt", Date.from(q.since()));
        if (q.resourceId() != null) {
            filter = Filters.and(filter, Filters.eq("resourceId", q.resourceId()));
        }
        List<DriftResultView> out = new ArrayList<>();
        results.find(filter).forEach(d -> out.add(view(d)));
        return new DriftResultPage(out.size(), out);
    }

    static DriftResultView view(Document d) {
        if (d == null) {
            return null;
        }
        return new DriftResultView(d.getString("_id"), d.getString("jobId"), d.getString("resourceId"), d.getString("stateId"),
                d.getString("address"), d.getString("resourceType"), d.getString("name"), d.getString("cloudId"),
                d.getString("region"), d.getString("presence"), d.getString("status"), d.getString("driftStatus"),
                d.getBoolean("latest", false), d.getInteger("driftCount", 0), DriftJson.drifts(d.getString("drifts")),
                d.getInteger("ignoredDifferences", 0), DriftJobProjection.instant(d, "createdAt"),
                DriftJobProjection.instant(d, "completedAt"));
    }
}
