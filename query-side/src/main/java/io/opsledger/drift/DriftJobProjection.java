package io.opsledger.drift;

import io.opsledger.common.Sequenced;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.drift.DriftDetectionQueries.*;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The drift detection jobs read model: one document per job with its progress, totals and log. */
@ProcessingGroup(DriftJobProjection.GROUP)
public class DriftJobProjection {

    public static final String GROUP = "projection.drift.jobs";
    public static final String COLLECTION = "drift_jobs";
    private final MongoCollection<Document> jobs;
    private final QueryUpdateEmitter emitter;

    public DriftJobProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        this.jobs = db.getCollection(COLLECTION);
        this.emitter = emitter;
        jobs.createIndex(Indexes.ascending("status"));
        jobs.createIndex(Indexes.descending("completedAt"));
    }

    @EventHandler
    void on(DriftDetectionRequested e, @SequenceNumber long seq) {
        Document doc = new Document("stateId", e.stateId()).append("resourceId", e.resourceId())
                .append("status", DriftDetectionMessages.PENDING).append("progress", 0).append("resourcesToCheck", 0)
                .append("resourcesChecked", 0).append("resourcesWithDrift", 0).append("driftCount", 0).append("missing", 0)
                .append("unmanaged", 0).append("bySeverity", new Document()).append("errorMessage", "")
                .append("requestedBy", e.requestedBy()).append("log", List.of()).append("createdAt", Date.from(e.requestedAt()))
                .append("startedAt", null).append("completedAt", null).append("seq", seq);
        jobs.updateOne(Filters.eq("_id", e.jobId()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
        emit(e.jobId());
    }

    @EventHandler
    void on(DriftDetectionStarted e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.combine(Updates.set("status", DriftDetectionMessages.RUNNING),
                Updates.set("resourcesToCheck", e.resourcesToCheck()), Updates.set("startedAt", Date.from(e.startedAt()))));
    }

    @EventHandler
    void on(DriftResultsRecorded e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.combine(Updates.set("resourcesChecked", e.resourcesChecked()),
                Updates.set("progress", e.progress())));
    }

    @EventHandler
    void on(DriftDetectionCompleted e, @SequenceNumber long seq) {
        Document severities = new Document();
        e.bySeverity().forEach(severities::append);
        change(e.jobId(), seq, Updates.combine(Updates.set("status", DriftDetectionMessages.COMPLETED),
                Updates.set("progress", 100), Updates.set("resourcesChecked", e.resourcesChecked()),
                Updates.set("resourcesWithDrift", e.resourcesWithDrift()), Updates.set("driftCount", e.driftCount()),
                Updates.set("missing", e.missing()), Updates.set("unmanaged", e.unmanaged()),
                Updates.set("bySeverity", severities), Updates.pushEach("log", e.logLines()),
                Updates.set("completedAt", Date.from(e.completedAt()))));
    }

    @EventHandler
    void on(DriftDetectionFailed e, @SequenceNumber long seq) {
        change(e.jobId(), seq, Updates.combine(Updates.set("status", DriftDetectionMessages.FAILED),
                Updates.set("errorMessage", e.errorMessage()), Updates.push("log", "Failed: " + e.errorMessage()),
                Updates.set("completedAt", Date.from(e.completedAt()))));
    }

    @ResetHandler
    void reset() { jobs.deleteMany(new Document()); }

    private void change(String id, long seq, Bson update) {
        jobs.updateOne(Sequenced.laterThanApplied(id, seq), Updates.combine(update, Updates.set("seq", seq)));
        emit(id);
    }

    private void emit(String id) {
        DriftJobView view = view(jobs.find(Filters.eq("_id", id)).first());
        if (view != null) {
            emitter.emit(FindDriftJob.class, q -> id.equals(q.jobId()), view);
        }
    }

    @QueryHandler
    public DriftJobView handle(FindDriftJob q) { return view(jobs.find(Filters.eq("_id", q.jobId())).first()); }

    @QueryHandler
    public DriftJobView handle(FindActiveDriftJob q) {
        return view(jobs.find(Filters.in("status", DriftDetectionMessages.PENDING, DriftDetectionMessages.RUNNING))
                .sort(Sorts.descending("createdAt")).first());
    }

    @QueryHandler
    public DriftJobView handle(FindLastCompletedDriftJob q) {
        return view(jobs.find(Filters.eq("status", DriftDetectionMessages.COMPLETED)).sort(Sorts.descending("completedAt")).first());
    }

    static DriftJobView view(Document d) {
        if (d == null) {
            return null;
        }
        Map<String, Integer> severities = new LinkedHashMap<>();
        Document s = d.get("bySeverity", Document.class);
        for (String name : List.of("critical", "high", "medium", "low")) {
            severities.put(name, s == null ? 0 : s.getInteger(name, 0));
        }
        return new DriftJobView(d.getString("_id"), d.getString("stateId"), d.getString("resourceId"), d.getString("status"),
                d.getInteger("progress", 0), d.getInteger("resourcesToCheck", 0), d.getInteger("resourcesChecked", 0),
                d.getInteger("resourcesWithDrift", 0), d.getInteger("driftCount", 0), d.getInteger("missing", 0),
                d.getInteger("unmanaged", 0), severities, d.getString("errorMessage"), d.getString("requestedBy"),
                d.getList("log", String.class, List.of()), instant(d, "createdAt"), instant(d, "startedAt"),
                instant(d, "completedAt"));
    }

    static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
