package io.opsledger.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.identity.api.IdentityQueries.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.SessionKind;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static io.opsledger.identity.Docs.date;
import static io.opsledger.identity.Docs.instant;

/**
 * Open sessions and API keys, keyed by the hash of what the client holds. Every node reads this on
 * every request, so a logout or a revocation takes effect everywhere as soon as it is applied.
 * What authentication trusts carries a {@link Seal}: a session or key whose seal does not hold is
 * not served (logged), so writing to the projection store cannot open a session or revive a key.
 */
@ProcessingGroup(CredentialProjection.GROUP)
public class CredentialProjection {

    private static final Logger log = LoggerFactory.getLogger(CredentialProjection.class);
    /** ".v2": sealed documents; the new name makes an upgraded installation rebuild them from the events. */
    public static final String GROUP = "projection.identity.credentials.v2";
    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> apiKeys;
    private final Seal seal;

    public CredentialProjection(MongoDatabase db, Seal seal) {
        this.sessions = db.getCollection("sessions");
        this.apiKeys = db.getCollection("api_keys");
        this.seal = seal;
        sessions.createIndex(Indexes.ascending("userId"));
        apiKeys.createIndex(Indexes.ascending("userId"));
        apiKeys.createIndex(Indexes.ascending("keyHash"));
    }

    @EventHandler
    void on(SessionOpened e) {
        sessions.updateOne(Filters.eq("_id", e.sessionHash()), new Document("$set",
                new Document("userId", e.userId()).append("kind", e.kind().name()).append("expiresAt", date(e.expiresAt()))
                        .append("seal", sessionSeal(e.sessionHash(), e.userId(), e.kind().name(), date(e.expiresAt())))),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(SessionClosed e) { sessions.deleteOne(Filters.eq("_id", e.sessionHash())); }

    /** A new password ends every session of the user, but the one it was changed through. */
    @EventHandler
    void on(UserPasswordChanged e) {
        sessions.deleteMany(e.keptSessionHash() == null ? Filters.eq("userId", e.userId())
                : Filters.and(Filters.eq("userId", e.userId()), Filters.ne("_id", e.keptSessionHash())));
    }

    @EventHandler
    void on(ApiKeyCreated e, @Timestamp Instant at) {
        apiKeys.updateOne(Filters.eq("_id", e.keyId()), new Document("$set",
                new Document("userId", e.userId()).append("name", e.name()).append("keyHash", e.keyHash())
                        .append("keyPrefix", e.keyPrefix()).append("createdAt", date(at))
                        .append("expiresAt", date(e.expiresAt())).append("revoked", false)
                        .append("seal", keySeal(e.keyId(), e.userId(), e.keyHash(), date(e.expiresAt())))
                        .append("revokedSeal", seal.of(e.keyId(), "revoked", false))),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ApiKeyRevoked e) {
        apiKeys.updateOne(Filters.eq("_id", e.keyId()), Updates.combine(Updates.set("revoked", true),
                Updates.set("revokedSeal", seal.of(e.keyId(), "revoked", true))));
    }

    @EventHandler
    void on(UserDeleted e) {
        sessions.deleteMany(Filters.eq("userId", e.userId()));
        apiKeys.find(Filters.eq("userId", e.userId())).forEach(d -> apiKeys.updateOne(Filters.eq("_id", d.get("_id")),
                Updates.combine(Updates.set("revoked", true), Updates.set("revokedSeal", seal.of(d.getString("_id"), "revoked", true)))));
    }

    @ResetHandler
    void reset() {
        sessions.deleteMany(new Document());
        apiKeys.deleteMany(new Document());
    }

    @QueryHandler
    public SessionView handle(FindSession q) {
        Document d = sessions.find(Filters.eq("_id", q.sessionHash())).first();
        if (d == null) {
            return null;
        }
        if (!seal.holds(d.getString("seal"), d.getString("_id"), "session", d.getString("userId"), d.getString("kind"),
                millis(d.getDate("expiresAt")))) {
            log.warn("a session document for user {} in the projection store does not carry the server's seal: ignored",
                    d.get("userId"));
            return null;
        }
        return new SessionView(d.getString("_id"), d.getString("userId"), SessionKind.valueOf(d.getString("kind")),
                instant(d, "expiresAt"));
    }

    @QueryHandler
    public ApiKeyView handle(FindApiKeyByHash q) { return view(apiKeys.find(Filters.eq("keyHash", q.keyHash())).first()); }

    @QueryHandler
    public List<ApiKeyView> handle(ListApiKeys q) {
        List<ApiKeyView> out = new ArrayList<>();
        apiKeys.find(Filters.eq("userId", q.userId())).sort(Sorts.ascending("createdAt")).forEach(d -> {
            ApiKeyView key = view(d);
            if (key != null) {
                out.add(key);
            }
        });
        return out;
    }

    private ApiKeyView view(Document d) {
        if (d == null) {
            return null;
        }
        String id = d.getString("_id");
        if (!seal.holds(d.getString("seal"), id, "apiKey", d.getString("userId"), d.getString("keyHash"), millis(d.getDate("expiresAt")))
                || !seal.holds(d.getString("revokedSeal"), id, "revoked", d.getBoolean("revoked"))) {
            log.warn("API key document {} in the projection store does not carry the server's seal: ignored", id);
            return null;
        }
        return new ApiKeyView(id, d.getString("userId"), d.getString("name"), d.getString("keyPrefix"),
                instant(d, "createdAt"), instant(d, "expiresAt"), d.getBoolean("revoked", false));
    }

    private String sessionSeal(String sessionHash, String userId, String kind, Date expiresAt) {
        return seal.of(sessionHash, "session", userId, kind, millis(expiresAt));
    }

    private String keySeal(String keyId, String userId, String keyHash, Date expiresAt) {
        return seal.of(keyId, "apiKey", userId, keyHash, millis(expiresAt));
    }

    private static Long millis(Date date) { return date == null ? null : date.getTime(); }
}
