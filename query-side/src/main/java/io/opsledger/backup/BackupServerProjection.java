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

/** The Barman servers read model: one document per server with its latest backup job (secrets stay encrypted). */
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
            for (String kept : List.of("lastJobStatus", "lastBackupId", "lastMessage")) {
                doc.append(kept, current.get(kept));
            }
        }
        servers.replaceOne(Filters.eq("_id", e.id()), doc, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(BackupStarted e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJobStatus", "running"), Updates.set("lastMessage", null));
    }

    @EventHandler
    void on(BackupCompleted e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJobStatus", "completed"), Updates.set("lastBackupId", e.backupId()));
    }

    @EventHandler
    void on(BackupFailed e, @SequenceNumber Long seq, @Timestamp Instant at) {
        change(e.id(), seq, at, Updates.set("lastJobStatus", "failed"), Updates.set("lastMessage", e.message()));
    }

    @ResetHandler
    void reset() { servers.deleteMany(new Document()); }

    @QueryHandler
    public BackupServerView handle(FindBackupServer q) { return view(servers.find(Filters.eq("_id", q.id())).first()); }

    @QueryHandler
    public List<BackupServerView> handle(ListBackupServers q) {
        List<Bson> filters = new ArrayList<>();
        if (q.ownerId() != null) {
            filters.add(Filters.eq("ownerId", q.ownerId()));
        }
        if (q.storage() != null) {
            filters.add(Filters.eq("storage", q.storage()));
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
                d.getString("lastJobStatus"), d.getString("lastBackupId"), d.getString("lastMessage"),
                updated == null ? null : updated.toInstant());
    }
}
