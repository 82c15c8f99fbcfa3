package io.opsledger.drift;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.opsledger.drift.api.DriftQueries.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.ResourceInstance;
import io.opsledger.drift.tfstate.StateResource;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.drift.tfstate.TerraformStates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The state files read model: one document per state file (its content as Terraform's JSON, its
 * locks) and one document per resource instance for {@link FindStateResources}. Handlers run one
 * at a time per processing group, so "apply only if newer than the document's seq" makes
 * redelivered events change nothing. Attributes are the user's maps (keys may hold dots): see {@link DriftJson}.
 */
@ProcessingGroup(StateFileProjection.GROUP)
public class StateFileProjection {

    public static final String GROUP = "projection.drift.states";
    public static final String STATES = "drift_states";
    public static final String RESOURCES = "drift_state_resources";
    private final MongoCollection<Document> states;
    private final MongoCollection<Document> resources;
    private final QueryUpdateEmitter emitter;

    public StateFileProjection(MongoDatabase db) {
        this(db, null);
    }

    public StateFileProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        this.emitter = emitter;
        this.states = db.getCollection(STATES);
        this.resources = db.getCollection(RESOURCES);
        states.createIndex(Indexes.ascending("backendId", "path"));
        resources.createIndex(Indexes.ascending("stateId", "order"));
    }

    @EventHandler
    void on(StateFileSynced e, @SequenceNumber Long seq) {
        if (!newer(e.stateId(), seq)) {
            return;
        }
        Document existing = states.find(Filters.eq("_id", e.stateId())).first();
        Document doc = new Document("_id", e.stateId()).append("backendId", e.backendId()).append("path", e.path())
                .append("missing", false)
                .append("lock", existing == null ? null : existing.get("lock"))
                .append("externalLock", existing == null ? null : existing.get("externalLock"));
        content(doc, e.state(), e.checksum(), e.size(), e.lastModified(), e.parseError(), e.syncedAt(), seq);
        states.replaceOne(Filters.eq("_id", e.stateId()), doc, new ReplaceOptions().upsert(true));
        replaceResources(e.stateId(), e.backendId(), e.state());
        emit(e.stateId());
    }

    /** Kept (with its seq, so older events cannot bring it back) but no longer listed or found. */
    @EventHandler
    void on(StateFileMissing e, @SequenceNumber Long seq) {
        if (!newer(e.stateId(), seq)) {
            return;
        }
        states.updateOne(Filters.eq("_id", e.stateId()), Updates.combine(Updates.set("missing", true), Updates.set("seq", seq)));
        resources.deleteMany(Filters.eq("stateId", e.stateId()));
        emit(e.stateId());
    }

    @EventHandler
    void on(StateResourceImported e, @SequenceNumber Long seq) { edited(e.stateId(), e.state(), e.checksum(), e.size(), e.at(), seq); }

    @EventHandler
    void on(StateResourceMoved e, @SequenceNumber Long seq) { edited(e.stateId(), e.state(), e.checksum(), e.size(), e.at(), seq); }

    @EventHandler
    void on(StateResourceRemoved e, @SequenceNumber Long seq) { edited(e.stateId(), e.state(), e.checksum(), e.size(), e.at(), seq); }

    @EventHandler
    void on(StateLocked e, @SequenceNumber Long seq) { set(e.stateId(), seq, "lock", lock(e.lock())); }

    @EventHandler
    void on(StateUnlocked e, @SequenceNumber Long seq) { set(e.stateId(), seq, "lock", null); }

    @EventHandler
    void on(ExternalLockObserved e, @SequenceNumber Long seq) { set(e.stateId(), seq, "externalLock", lock(e.lock())); }

    @EventHandler
    void on(ExternalLockCleared e, @SequenceNumber Long seq) { set(e.stateId(), seq, "externalLock", null); }

    @ResetHandler
    void reset() {
        states.deleteMany(new Document());
        resources.deleteMany(new Document());
    }

    // ---- queries

    @QueryHandler
    public StateFileView handle(FindStateFile q) {
        Document doc = q.stateId() == null ? null
                : states.find(Filters.and(Filters.eq("_id", q.stateId()), Filters.ne("missing", true))).first();
        return doc == null ? null : view(doc);
    }

    @QueryHandler
    public StateFilePage handle(ListStateFiles q) {
        Bson present = Filters.ne("missing", true);
        Bson filter = q.backendId() == null ? present : Filters.and(Filters.eq("backendId", q.backendId()), present);
        long total = states.countDocuments(filter);
        List<StateFileView> out = new ArrayList<>();
        if (q.limit() > 0) {
            states.find(filter).sort(Sorts.ascending("backendId", "path")).skip(Math.max(0, q.offset())).limit(q.limit())
                    .forEach(d -> out.add(view(d)));
        }
        return new StateFilePage(total, out);
    }

    @QueryHandler
    public List<StateResourceView> handle(FindStateResources q) {
        Bson filter = q.stateId() == null ? new Document() : Filters.eq("stateId", q.stateId());
        List<StateResourceView> out = new ArrayList<>();
        resources.find(filter).sort(Sorts.ascending("stateId", "order")).forEach(d -> out.add(resourceView(d)));
        return out;
    }

    // ---- writing

    private boolean newer(String stateId, long seq) {
        Document doc = states.find(Filters.eq("_id", stateId)).projection(new Document("seq", 1)).first();
        Number current = doc == null ? null : doc.get("seq", Number.class);
        return current == null || current.longValue() < seq;
    }

    private void edited(String stateId, TerraformState state, String checksum, long size, Instant at, long seq) {
        if (!newer(stateId, seq)) {
            return;
        }
        Document doc = states.find(Filters.eq("_id", stateId)).first();
        if (doc == null) {
            return; // cannot happen: a state file's first event is StateFileSynced
        }
        content(doc, state, checksum, size, at, null, doc.getDate("syncedAt") == null ? at : doc.getDate("syncedAt").toInstant(), seq);
        states.replaceOne(Filters.eq("_id", stateId), doc);
        replaceResources(stateId, doc.getString("backendId"), state);
        emit(stateId);
    }

    /** One round trip: the update itself skips a state that has already seen this event (a replay). */
    private void set(String stateId, long seq, String field, Object value) {
        Bson older = Filters.or(Filters.lt("seq", seq), Filters.eq("seq", null));
        if (states.updateOne(Filters.and(Filters.eq("_id", stateId), older),
                Updates.combine(Updates.set(field, value), Updates.set("seq", seq))).getMatchedCount() > 0) {
            emit(stateId);
        }
    }

    /**
     * Subscribers to {@link FindStateFile} get the file as it is now (null once the backend no longer holds it).
     * The view (the whole state, parsed) is built only when someone watches this file: a lock or unlock
     * without watchers costs no parse.
     */
    private void emit(String stateId) {
        if (emitter != null && watched(stateId)) {
            StateFileView view = handle(new FindStateFile(stateId));
            emitter.emit(FindStateFile.class, q -> stateId.equals(q.stateId()), view);
        }
    }

    private boolean watched(String stateId) {
        return emitter.activeSubscriptions().stream()
                .anyMatch(q -> q.getPayload() instanceof FindStateFile f && stateId.equals(f.stateId()));
    }

    private static void content(Document doc, TerraformState state, String checksum, long size, Instant lastModified,
                                String parseError, Instant syncedAt, long seq) {
        doc.append("size", size).append("lastModified", lastModified == null ? null : Date.from(lastModified))
                .append("checksum", checksum).append("parseError", parseError)
                .append("state", state == null ? null : new String(TerraformStates.write(state), StandardCharsets.UTF_8))
                .append("serial", state == null ? null : state.serial())
                .append("lineage", state == null ? null : state.lineage())
                .append("syncedAt", syncedAt == null ? null : Date.from(syncedAt)).append("seq", seq);
    }

    private void replaceResources(String stateId, String backendId, TerraformState state) {
        resources.deleteMany(Filters.eq("stateId", stateId));
        if (state == null) {
            return;
        }
        List<Document> rows = new ArrayList<>();
        for (StateResource r : state.resources()) {
            for (ResourceInstance i : r.instances()) {
                rows.add(new Document("_id", stateId + "|" + rows.size()).append("stateId", stateId)
                        .append("backendId", backendId).append("order", rows.size()).append("address", r.address(i))
                        .append("module", r.module()).append("mode", r.mode()).append("type", r.type())
                        .append("name", r.name()).append("provider", r.provider()).append("indexKey", i.indexKey())
                        .append("resourceId", i.resourceId()).append("attributes", DriftJson.document(i.attributes())));
            }
        }
        if (!rows.isEmpty()) {
            resources.insertMany(rows);
        }
    }

    // ---- reading

    private static StateFileView view(Document d) {
        String text = d.getString("state");
        TerraformState state = text == null ? null : TerraformStates.parse(text.getBytes(StandardCharsets.UTF_8));
        Number size = d.get("size", Number.class);
        return new StateFileView(d.getString("_id"), d.getString("backendId"), d.getString("path"),
                size == null ? 0 : size.longValue(), BackendProjection.instant(d, "lastModified"), d.getString("checksum"),
                state, d.getString("parseError"), lockInfo(d.get("lock", Document.class)),
                lockInfo(d.get("externalLock", Document.class)), BackendProjection.instant(d, "syncedAt"));
    }

    private static StateResourceView resourceView(Document d) {
        return new StateResourceView(d.getString("stateId"), d.getString("backendId"), d.getString("address"),
                d.getString("module"), d.getString("mode"), d.getString("type"), d.getString("name"), d.getString("provider"),
                d.get("indexKey"), d.getString("resourceId"), DriftJson.map(d.get("attributes")));
    }

    private static Document lock(LockInfo l) {
        return l == null ? null : new Document("id", l.id()).append("path", l.path()).append("operation", l.operation())
                .append("who", l.who()).append("version", l.version())
                .append("created", l.created() == null ? null : Date.from(l.created())).append("info", l.info());
    }

    private static LockInfo lockInfo(Document d) {
        return d == null ? null : new LockInfo(d.getString("id"), d.getString("path"), d.getString("operation"),
                d.getString("who"), d.getString("version"), BackendProjection.instant(d, "created"), d.getString("info"));
    }
}
