package io.opsledger.backup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.opsledger.backup.api.MountMessages.*;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Sequenced;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The storage mounts read model: one document per (user, storage) with what is mounted there, or
 * "mounted": false once unmounted (so that a redelivered older event changes nothing). S3 keys
 * stay encrypted.
 */
@ProcessingGroup(StorageMountProjection.GROUP)
public class StorageMountProjection {

    public static final String GROUP = "projection.backup.mounts";
    public static final String COLLECTION = "backup_mounts";
    private final MongoCollection<Document> mounts;

    public StorageMountProjection(MongoDatabase db) {
        this.mounts = db.getCollection(COLLECTION);
        mounts.createIndex(Indexes.ascending("ownerId", "storage"));
    }

    @EventHandler
    void on(StorageMounted e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Document current = mounts.find(Filters.eq("_id", e.id())).first();
        if (current != null && ((Number) current.get("seq")).longValue() >= seq) {
            return;
        }
        MountSource s = e.source();
        mounts.replaceOne(Filters.eq("_id", e.id()), new Document("_id", e.id()).append("ownerId", e.ownerId())
                .append("storage", e.storage()).append("mountPoint", e.mountPoint()).append("mounted", true)
                .append("remoteHost", s.remoteHost()).append("remotePath", s.remotePath()).append("bucket", s.bucket())
                .append("url", s.url()).append("accessKey", cipher(s.accessKey())).append("secretKey", cipher(s.secretKey()))
                .append("seq", seq).append("mountedAt", Date.from(at)), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(StorageUnmounted e, @SequenceNumber Long seq) {
        mounts.updateOne(Sequenced.laterThanApplied(e.id(), seq), Updates.combine(Updates.set("mounted", false),
                Updates.set("accessKey", null), Updates.set("secretKey", null), Updates.set("seq", seq)));
    }

    @ResetHandler
    void reset() { mounts.deleteMany(new Document()); }

    @QueryHandler
    public StorageMountView handle(FindStorageMount q) {
        return view(mounts.find(Filters.and(Filters.eq("_id", q.id()), Filters.eq("mounted", true))).first());
    }

    @QueryHandler
    public List<StorageMountView> handle(ListStorageMounts q) {
        List<StorageMountView> out = new ArrayList<>();
        mounts.find(q.ownerId() == null ? Filters.eq("mounted", true)
                        : Filters.and(Filters.eq("ownerId", q.ownerId()), Filters.eq("mounted", true)))
                .sort(Sorts.ascending("ownerId", "storage")).forEach(d -> out.add(view(d)));
        return out;
    }

    private static String cipher(EncryptedSecret secret) { return secret == null ? null : secret.ciphertext(); }

    private static EncryptedSecret secret(String ciphertext) { return ciphertext == null ? null : new EncryptedSecret(ciphertext); }

    private static StorageMountView view(Document d) {
        if (d == null) {
            return null;
        }
        Date at = d.getDate("mountedAt");
        return new StorageMountView(d.getString("_id"), d.getString("ownerId"), d.getString("storage"), d.getString("mountPoint"),
                new MountSource(d.getString("remoteHost"), d.getString("remotePath"), d.getString("bucket"), d.getString("url"),
                        secret(d.getString("accessKey")), secret(d.getString("secretKey"))),
                at == null ? null : at.toInstant());
    }
}
