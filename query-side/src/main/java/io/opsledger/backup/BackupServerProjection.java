package io.opsledger.backup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.opsledger.backup.api.BackupMessages.*;
import io.opsledger.backup.api.BackupQueries.*;
import io.opsledger.backup.api.BackupTimetable;
import io.opsledger.backup.api.RetentionPolicy;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Sequenced;
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

/**
 * The Barman servers read model: one document per server with its schedule and its latest backup
 * job (secrets stay encrypted).
 */
@ProcessingGroup(BackupServerProjection.GROUP)
public class BackupServerProjection {

    public static final String GROUP = "projection.backup.servers";
    public static final String COLLECTION = "backup_servers";
    private final MongoCollection<Document> servers;

    public BackupServerProjection(MongoDatabase db) {
        this.servers = db.getCollection(COLLECTION);
        servers.createIndex(Indexes.ascending("ownerId", "storage", "name"));
    }

    @EventHandler
    void on(BackupServerConfigured e, @SequenceNumber Long seq, @Timestamp Instant at) {
        ServerConnection c = e.connection();
        Document doc = new Document("_id", e.id()).append("ownerId", e.ownerId()).append("storage", e.storage())
                .append("name", e.name()).append("host", c.host()).append("port", c.port()).append("database", c.database())
                .append("password", cipher(c.password())).append("sshKey", cipher(c.sshKey()))
                .append("backupMethod", c.backupMethod()).append("sshUser", c.sshUser()).append("sshPort", c.sshPort())
                .append("seq", seq).append("updatedAt", Date.from(at));
        Document current = servers.find(Filters.eq("_id", e.id())).first();
        if (current != null) {
            for (String kept : List.of("schedule", "lastJob")) {
                doc.append(kept, current.get(kept));
            }
        }
        servers.replaceOne(Filters.eq("_id", e.id()), doc, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(BackupStarted e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJob", new Document("jobId", e.jobId()).append("status", "running")
                .append("startedAt", Date.from(at))));
    }

    @EventHandler
    void on(BackupCompleted e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJob.status", "completed"), Updates.set("lastJob.backupId", e.backupId()),
                Updates.set("lastJob.sizeBytes", e.sizeBytes()), Updates.set("lastJob.beginWal", e.beginWal()),
                Updates.set("lastJob.bytesCopied", e.sizeBytes()), Updates.set("lastJob.percent", 100),
                Updates.set("lastJob.endWal", e.endWal()), Updates.set("lastJob.finishedAt", Date.from(at)));
    }

    @EventHandler
    void on(BackupProgressed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJob.bytesCopied", e.bytesCopied()), Updates.set("lastJob.percent", e.percent()));
    }

    @EventHandler
    void on(BackupFailed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJob.status", "failed"), Updates.set("lastJob.message", e.message()),
                Updates.set("lastJob.finishedAt", Date.from(at)));
    }

    @EventHandler
    void on(BackupsScheduled e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("schedule", schedule(e.timetable(), e.retention())));
    }

    @EventHandler
    void on(BackupScheduleChanged e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("schedule", schedule(e.timetable(), e.retention())));
    }

    @EventHandler
    void on(BackupScheduleRemoved e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.unset("schedule"));
    }

    @ResetHandler
    void reset() { servers.deleteMany(new Document()); }

    @QueryHandler
    public BackupServerView handle(FindBackupServer q) { return view(servers.find(Filters.eq("_id", q.id())).first()); }

    @QueryHandler
    public List<BackupServerView> handle(ListBackupServers q) { return list(q.ownerId(), q.storage(), false); }

    @QueryHandler
    public List<BackupServerView> handle(ListBackupSchedules q) { return list(q.ownerId(), q.storage(), true); }

    private List<BackupServerView> list(String ownerId, String storage, boolean scheduledOnly) {
        List<Bson> filters = new ArrayList<>();
        if (scheduledOnly) {
            filters.add(Filters.exists("schedule"));
        }
        if (ownerId != null) {
            filters.add(Filters.eq("ownerId", ownerId));
        }
        if (storage != null) {
            filters.add(Filters.eq("storage", storage));
        }
        List<BackupServerView> out = new ArrayList<>();
        servers.find(filters.isEmpty() ? new Document() : Filters.and(filters)).sort(Sorts.ascending("name"))
                .forEach(d -> out.add(view(d)));
        return out;
    }

    private void change(String id, long seq, Instant at, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.set("seq", seq));
        all.add(Updates.set("updatedAt", Date.from(at)));
        servers.updateOne(Sequenced.laterThanApplied(id, seq), Updates.combine(all));
    }

    private static String cipher(EncryptedSecret secret) { return secret == null ? null : secret.ciphertext(); }

    private static EncryptedSecret secret(String ciphertext) { return ciphertext == null ? null : new EncryptedSecret(ciphertext); }

    private static BackupServerView view(Document d) {
        if (d == null) {
            return null;
        }
        Date updated = d.getDate("updatedAt");
        return new BackupServerView(d.getString("_id"), d.getString("ownerId"), d.getString("storage"), d.getString("name"),
                new ServerConnection(d.getString("host"), ((Number) d.get("port")).intValue(), d.getString("database"),
                        secret(d.getString("password")), secret(d.getString("sshKey")),
                        d.getString("backupMethod") == null ? ServerConnection.STREAMING : d.getString("backupMethod"),
                        d.getString("sshUser"), d.get("sshPort") == null ? 0 : ((Number) d.get("sshPort")).intValue()),
                schedule(d.get("schedule", Document.class)), job(d.get("lastJob", Document.class)),
                updated == null ? null : updated.toInstant());
    }

    private static Document schedule(BackupTimetable timetable, RetentionPolicy retention) {
        return new Document("day", timetable.day()).append("hour", timetable.hour()).append("minute", timetable.minute())
                .append("retention", retention.lines()).append("policy", retention.barmanPolicy());
    }

    private static BackupSchedule schedule(Document d) {
        if (d == null) {
            return null;
        }
        return new BackupSchedule(new BackupTimetable(d.getString("day"), d.getInteger("hour"), d.getInteger("minute")),
                new RetentionPolicy(d.getList("retention", String.class), d.getString("policy")));
    }

    private static BackupJob job(Document d) {
        if (d == null) {
            return null;
        }
        Number size = (Number) d.get("sizeBytes");
        return new BackupJob(d.getString("jobId"), d.getString("status"), d.getString("backupId"),
                size == null ? null : size.longValue(), d.getString("beginWal"), d.getString("endWal"), d.getString("message"), instant(d.getDate("startedAt")),
                instant(d.getDate("finishedAt")), d.get("bytesCopied") == null ? 0 : ((Number) d.get("bytesCopied")).longValue(),
                d.getInteger("percent"));
    }

    private static Instant instant(Date date) { return date == null ? null : date.toInstant(); }
}
